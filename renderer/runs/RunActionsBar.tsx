// What can be done with the shown run: cancel it while it goes; re-run it, re-run from failed, or resume it once over.
import { useState, type ReactElement } from 'react';
import type { ExecutionSummary } from '../../shared/events.js';
import { useActions } from '../app/hooks.js';

export function RunActionsBar({ summary }: { summary: ExecutionSummary }): ReactElement {
  const { cancelRun, rerun } = useActions();
  const [busy, setBusy] = useState(false);
  const act = (work: () => Promise<unknown>): void => {
    setBusy(true);
    void work().finally(() => setBusy(false));
  };
  const over = summary.status !== 'running' && summary.status !== 'pending';
  const id = summary.executionId;
  return (
    <div className="run-controls">
      {!over && <button type="button" className="button" disabled={busy} onClick={() => act(() => cancelRun(id))}>Cancel run</button>}
      {summary.status === 'interrupted' && <button type="button" className="button button--primary" disabled={busy} onClick={() => act(() => rerun(id, 'failed'))}>Resume</button>}
      {over && summary.status !== 'completed' && summary.status !== 'interrupted' && <button type="button" className="button button--primary" disabled={busy} onClick={() => act(() => rerun(id, 'failed'))}>Re-run from failed</button>}
      {over && <button type="button" className="button" disabled={busy} onClick={() => act(() => rerun(id, 'start'))}>{summary.selection != null ? 'Re-run this part' : 'Re-run all'}</button>}
    </div>
  );
}
