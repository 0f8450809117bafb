// Tells the user when a run they started from this page finishes: one desktop notification per run.
import { shouldNotify, notificationText } from '../runs/run-notifications.js';
import type { Stores } from './stores.js';
import type { ExecutionStatus } from '../../shared/model.js';
import type { Notifier } from './browser-notifier.js';

export function bindRunNotifications(stores: Stores, notifier: Notifier): () => void {
  const seen = new Map<string, ExecutionStatus>();
  const notified = new Set<string>();
  return stores.runs.subscribe((state) => {
    for (const executionId of stores.runView.getState().startedHere) {
      const summary = state.runs.get(executionId)?.summary;
      if (summary == null) continue;
      const previous = seen.get(executionId);
      seen.set(executionId, summary.status);
      if (!shouldNotify({ startedHere: true, previous, current: summary.status, permission: notifier.permission(), alreadyNotified: notified.has(executionId) })) continue;
      notified.add(executionId);
      const { title, body } = notificationText(summary.workflowName, summary.status, summary.endTime === null ? null : summary.endTime - summary.startTime);
      notifier.show(title, body);
    }
  });
}
