// Recent runs, newest first: status, workflow, start time and duration; clicking one shows it on its canvas.
import { memo, useEffect, type ReactElement } from 'react';
import { formatDuration, formatStartTime } from '../app/format-time.js';
import { useActions, useRunStore } from '../app/hooks.js';
import { useNow } from '../app/use-now.js';
import { isRunActive } from '../stores/run-selectors.js';
import { StatusBadge } from './StatusBadge.js';

export function RunsView(): ReactElement {
  const order = useRunStore((state) => state.order);
  const { loadRuns } = useActions();
  useEffect(() => {
    void loadRuns();
  }, [loadRuns]);
  return (
    <section className="view" aria-labelledby="runs-title">
      <header className="view__header">
        <h1 id="runs-title">Runs</h1>
        <button type="button" className="button" onClick={() => void loadRuns()}>Refresh</button>
      </header>
      {order.length === 0 ? (
        <p className="muted empty">No runs yet. Open a workflow and click Run.</p>
      ) : (
        <ul className="run-list" aria-label="Recent runs">
          <li className="run-row run-row--head" aria-hidden="true">
            <span>Status</span><span>Workflow</span><span>Started</span><span>Duration</span>
          </li>
          {order.map((executionId) => <RunRow key={executionId} executionId={executionId} />)}
        </ul>
      )}
    </section>
  );
}

const RunRow = memo(function RunRow({ executionId }: { executionId: string }): ReactElement | null {
  const record = useRunStore((state) => state.runs.get(executionId));
  const active = isRunActive(record);
  const now = useNow(active);
  const { openRun } = useActions();
  const summary = record?.summary;
  if (summary == null) return null;
  const end = summary.endTime ?? (active ? now : null);
  return (
    <li>
      <button type="button" className="run-row" onClick={() => void openRun(executionId)}>
        <span><StatusBadge status={summary.status} /></span>
        <span className="run-row__workflow">{summary.workflowName}</span>
        <span className="muted">{formatStartTime(summary.startTime)}</span>
        <span className="muted">{formatDuration(end === null ? null : Math.max(0, end - summary.startTime))}</span>
      </button>
    </li>
  );
});
