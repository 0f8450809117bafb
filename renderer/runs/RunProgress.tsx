// The shown run in numbers: n of m steps done (how many restored from the cache, or how it went around it), elapsed time ticking, and an estimate of what is left from past runs.
import type { ReactElement } from 'react';
import { formatDuration } from '../app/format-time.js';
import { useRunStore, useRunViewStore } from '../app/hooks.js';
import { useNow } from '../app/use-now.js';
import { cacheBypass, cachedCount, runBypass } from './cache-words.js';
import { runProgress } from './run-progress.js';
import { isRunActive, selectShownRun } from './run-selectors.js';
import { statsKey } from './run-view-store.js';
import { StatusBadge } from '../ui/StatusBadge.js';
import { SelectionNote } from './SelectionNote.js';

export function RunProgress({ total }: { total: number }): ReactElement | null {
  const record = useRunStore(selectShownRun);
  const active = isRunActive(record);
  const now = useNow(active);
  const all = useRunViewStore((state) => (record?.summary == null ? undefined : state.stats.get(statsKey(record.summary.projectId, record.summary.workflowName))));
  const summary = record?.summary;
  if (record === undefined || summary == null) return null;
  // A partial run counts the steps it selected, and whole runs' durations say nothing of how long it takes.
  const selection = summary.selection ?? null;
  const stats = selection === null ? all : undefined;
  const steps = selection === null ? record.steps.values() : [...record.steps.values()].filter((run) => run.status !== 'not-selected');
  const progress = runProgress(steps, selection?.selected.length ?? total, summary.startTime, summary.endTime, now, stats);
  const cached = cachedCount(record.steps.values());
  const bypass = runBypass(record.steps.entries());
  const elapsed = formatDuration(progress.elapsedMs);
  const bypassTitle = bypass === null ? undefined : `${bypass.text} — ${cacheBypass({ summary: bypass.kind === 'no-cache' ? '--no-cache' : '--force', changes: [] }) ?? ''}`;
  // One line at every width (runs.css): in a narrow window the words in run-progress__word are left to screen readers
  // and tooltips, and the notes that can grow (forced steps, a partial run's selection) end in an ellipsis.
  return (
    <div className="run-progress-frame">
      <div className="run-progress" role="status" aria-label="Run progress">
        <StatusBadge status={summary.status} />
        <span><strong>{progress.done}</strong> of {progress.total} {selection === null ? 'steps' : 'selected steps'} done</span>
        <progress className="run-progress__bar" max={Math.max(1, progress.total)} value={progress.done} aria-label="Steps done" />
        {cached > 0 && <span className="run-progress__cached" data-cached={cached}>{cached === progress.total ? 'all' : cached} from cache</span>}
        {bypass !== null && <span className="run-progress__bypass" data-bypass={bypass.kind} title={bypassTitle}>{bypass.text}</span>}
        <span className="muted" title={`elapsed ${elapsed}`}><span className="run-progress__word">elapsed </span>{elapsed}</span>
        {progress.remainingMs !== null && <span className="muted" title={`about ${formatDuration(progress.remainingMs)} left`}><span className="run-progress__word">about </span>{formatDuration(progress.remainingMs)} left</span>}
        {stats !== undefined && stats.runs > 0 && summary.endTime !== null && stats.medianDurationMs !== null && <span className="muted" title={`the median of ${stats.runs} completed ${stats.runs === 1 ? 'run' : 'runs'}`}>usually {formatDuration(stats.medianDurationMs)}</span>}
        {selection !== null && <SelectionNote selection={selection} />}
      </div>
    </div>
  );
}
