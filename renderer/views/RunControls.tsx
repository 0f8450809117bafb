// The Editor's toolbar for runs: the shown run's status and duration, Run, and Cancel while it runs.
import { useState, type ReactElement } from 'react';
import { useActions, useGraphStore, useRunStore } from '../app/hooks.js';
import { isRunActive, selectShownRun } from '../stores/run-selectors.js';
import { RunSummary } from './RunSummary.js';

export function RunControls(): ReactElement {
  const runnable = useGraphStore((state) => state.shown?.workflow != null && state.shown.problems.length === 0);
  const active = useRunStore((state) => isRunActive(selectShownRun(state)));
  const [starting, setStarting] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const { startRun, cancelRun } = useActions();

  const run = (): void => {
    setStarting(true);
    void startRun().finally(() => setStarting(false));
  };
  const cancel = (): void => {
    setCancelling(true);
    void cancelRun().finally(() => setCancelling(false));
  };

  return (
    <div className="run-controls">
      <RunSummary />
      {active && (
        <button type="button" className="button" onClick={cancel} disabled={cancelling}>Cancel</button>
      )}
      <button type="button" className="button button--primary" onClick={run} disabled={!runnable || starting || active} title={runnable ? undefined : 'Fix the workflow’s problems to run it'}>
        <span aria-hidden="true">▶ </span>Run
      </button>
    </div>
  );
}
