// The run switcher: the history, then one tab per run open side by side, each with its live status.
import { memo, type ReactElement } from 'react';
import { useActions, useRunStore, useRunViewStore } from '../app/hooks.js';
import { StatusBadge } from '../ui/StatusBadge.js';

export function RunTabs(): ReactElement {
  const tabs = useRunViewStore((state) => state.tabs);
  const page = useRunViewStore((state) => state.page);
  const shown = useRunStore((state) => state.shownExecutionId);
  const { showRunsPage } = useActions();
  return (
    <div className="run-tabs" role="tablist" aria-label="Runs">
      <button type="button" role="tab" className="run-tab" aria-selected={page === 'history'} onClick={() => showRunsPage('history')}>History</button>
      {tabs.map((executionId) => <RunTab key={executionId} executionId={executionId} selected={page === 'run' && shown === executionId} />)}
    </div>
  );
}

const RunTab = memo(function RunTab({ executionId, selected }: { executionId: string; selected: boolean }): ReactElement {
  const summary = useRunStore((state) => state.runs.get(executionId)?.summary);
  const { openRun, closeRun } = useActions();
  const label = `${summary?.workflowName ?? 'run'} ${executionId.slice(0, 6)}`;
  return (
    <span className="run-tab-wrap" data-execution={executionId}>
      <button type="button" role="tab" className="run-tab" aria-selected={selected} onClick={() => void openRun(executionId)} title={executionId}>
        {summary != null && <StatusBadge status={summary.status} />} {label}
      </button>
      <button type="button" className="icon-button" aria-label={`Close tab ${label}`} onClick={() => closeRun(executionId)}>✕</button>
    </span>
  );
});
