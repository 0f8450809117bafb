// The app's badge counts the runs in progress (the dock on macOS, the launcher on Linux where Unity's API exists).
import type { EventBus } from '../engine/event-bus.js';

/** Electron's `app`, as far as the badge needs it. */
export interface BadgeTarget {
  setBadgeCount(count: number): boolean;
}

/** Keeps the badge on the number of running runs, from execution.updated events; returns the stop function. */
export function showRunningRuns(events: EventBus, target: BadgeTarget, runningNow: Iterable<string> = []): () => void {
  const running = new Set(runningNow);
  let shown: number | null = null;
  const show = (): void => {
    if (running.size === shown) return;
    shown = running.size;
    try {
      target.setBadgeCount(shown);
    } catch {
      // Platforms without a badge (most Linux desktops) say so by returning false; a throw must not stop a run either.
    }
  };
  show();
  const off = events.on((event) => {
    if (event.type !== 'execution.updated') return;
    const { executionId, status } = event.execution;
    if (status === 'pending' || status === 'running') running.add(executionId);
    else running.delete(executionId);
    show();
  }, ['execution.updated']);
  return () => {
    off();
    running.clear();
    show();
  };
}
