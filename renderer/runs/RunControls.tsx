// The Editor's run controls: the shown run's status and duration, Run (save-and-run when there are unsaved edits;
// a parameters form first when the workflow declares params; disabled while invalid) with its menu of runs around the
// cache, Cancel while it runs, and a way into the run view.
import { useState, type ReactElement } from 'react';
import { useActions, useGraphStore, useRunStore, useValidationStore } from '../app/hooks.js';
import type { CacheBypass, RunParams } from './run-actions.js';
import { RunMenuButton } from './RunMenu.js';
import { selectDirty } from '../editor/graph-store.js';
import { isRunActive, selectShownRun } from './run-selectors.js';
import { ParamsForm } from './ParamsForm.js';
import { RunSummary } from './RunSummary.js';

export function RunControls(): ReactElement {
  const hasSteps = useGraphStore((state) => (state.workflow?.steps.length ?? 0) > 0);
  const params = useGraphStore((state) => state.workflow?.params);
  const dirty = useGraphStore(selectDirty);
  const valid = useValidationStore((state) => state.ready && state.problems.length === 0);
  const runnable = hasSteps && valid;
  const shownId = useRunStore((state) => state.shownExecutionId);
  const active = useRunStore((state) => isRunActive(selectShownRun(state)));
  const [starting, setStarting] = useState(false);
  // The parameters form is open (with how the run goes around the cache), or not.
  const [asking, setAsking] = useState<CacheBypass | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const { startRun, cancelRun, openRun } = useActions();

  const start = (values?: RunParams, bypass: CacheBypass = asking ?? {}): void => {
    setAsking(null);
    setStarting(true);
    void startRun(values, undefined, bypass).finally(() => setStarting(false));
  };
  const run = (bypass: CacheBypass = {}): void => (params !== undefined && Object.keys(params).length > 0 ? setAsking(bypass) : start(undefined, bypass));
  const cancel = (): void => {
    setCancelling(true);
    void cancelRun().finally(() => setCancelling(false));
  };

  return (
    <div className="run-controls">
      <RunSummary />
      {shownId !== null && <button type="button" className="button" onClick={() => void openRun(shownId)}>Open run</button>}
      {active && <button type="button" className="button" onClick={cancel} disabled={cancelling}>Cancel</button>}
      <span className="run-controls__split">
        <button type="button" className="button button--primary" onClick={() => run()} disabled={!runnable || starting} title={runnable ? (dirty ? 'Saves the workflow, then runs it' : undefined) : 'Fix the workflow’s problems to run it'}>
          <span aria-hidden="true">▶ </span>{dirty ? 'Save & run' : 'Run'}
        </button>
        <RunMenuButton disabled={!runnable || starting} onPick={run} />
      </span>
      {asking !== null && params !== undefined && <ParamsForm params={params} onStart={(values) => start(values)} onCancel={() => setAsking(null)} />}
    </div>
  );
}
