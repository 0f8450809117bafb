// The shown run in one line: its status, how many of all its steps are done (and restored from the cache), and how long it has taken.
import type { ReactElement } from 'react';
import { TERMINAL_STEP_STATUSES } from '../../shared/model.js';
import { formatDuration } from '../app/format-time.js';
import { useRunStore, useRunViewStore } from '../app/hooks.js';
import { useNow } from '../app/use-now.js';
import { cachedCount } from './cache-words.js';
import { stepTotal } from './run-progress.js';
import { isRunActive, selectShownRun } from './run-selectors.js';
import { StatusBadge } from '../ui/StatusBadge.js';
import { SelectionNote } from './SelectionNote.js';

export function RunSummary(): ReactElement | null {
  const record = useRunStore(selectShownRun);
  const active = isRunActive(record);
  const now = useNow(active);
  const ran = useRunViewStore((state) => (record === undefined ? undefined : state.snapshots.get(record.executionId)));
  const summary = record?.summary;
  if (record === undefined || summary == null) return null;
  let done = 0;
  for (const run of record.steps.values()) if (TERMINAL_STEP_STATUSES.has(run.status)) done++;
  const cached = cachedCount(record.steps.values());
  const end = summary.endTime ?? (active ? now : null);
  return (
    <div className="run-summary" role="status" aria-label="Run status">
      <StatusBadge status={summary.status} />
      <span className="muted">{done}/{stepTotal(record.steps.size, ran)} steps</span>
      {cached > 0 && <span className="run-progress__cached" data-cached={cached}>{cached} cached</span>}
      <span className="muted">{formatDuration(end === null ? null : Math.max(0, end - summary.startTime))}</span>
      {summary.selection != null && <SelectionNote selection={summary.selection} />}
    </div>
  );
}
