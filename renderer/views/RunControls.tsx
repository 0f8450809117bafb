// The Editor's run controls: the shown run's status and duration, Run (save-and-run when there are unsaved edits;
// disabled while the workflow is invalid), and Cancel while it runs.
import { useState, type ReactElement } from 'react';
import { useActions, useGraphStore, useRunStore, useValidationStore } from '../app/hooks.js';
import { selectDirty } from '../stores/graph-store.js';
import { isRunActive, selectShownRun } from '../stores/run-selectors.js';
import { RunSummary } from './RunSummary.js';

export function RunControls(): ReactElement {
  const hasSteps = useGraphStore((state) => (state.workflow?.steps.length ?? 0) > 0);
  const dirty = useGraphStore(selectDirty);
  const valid = useValidationStore((state) => state.ready && state.problems.length === 0);
  const runnable = hasSteps && valid;
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
      <button type="button" className="button button--primary" onClick={run} disabled={!runnable || starting || active} title={runnable ? (dirty ? 'Saves the workflow, then runs it' : undefined) : 'Fix the workflow’s problems to run it'}>
        <span aria-hidden="true">▶ </span>{dirty ? 'Save & run' : 'Run'}
      </button>
    </div>
  );
}
