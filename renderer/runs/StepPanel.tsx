// Beside the canvas: the selected step's definition, its state in the shown run (and the worker that ran it), and its
// log tail.
import type { ReactElement } from 'react';
import { TERMINAL_STEP_STATUSES } from '../../shared/model.js';
import { formatDuration } from '../app/format-time.js';
import { useActions, useGraphStore, useRunStore } from '../app/hooks.js';
import { selectShownStep } from './run-selectors.js';
import { LogPanel } from './LogPanel.js';
import { StatusBadge } from '../ui/StatusBadge.js';
import { CacheFacts } from './CacheFacts.js';
import { WorkerFact } from './WorkerFact.js';
import { waitingText } from './worker-words.js';

export function StepPanel({ step }: { step: string }): ReactElement {
  const definition = useGraphStore((state) => state.workflow?.steps.find((candidate) => candidate.name === step));
  const run = useRunStore(selectShownStep(step));
  const executionId = useRunStore((state) => state.shownExecutionId);
  const { selectStep } = useActions();
  return (
    <aside className="step-panel" aria-label={`Step ${step}`}>
      <header className="step-panel__header">
        <h2>{step}</h2>
        <button type="button" className="icon-button" aria-label="Close step details" onClick={() => selectStep(null)}>✕</button>
      </header>
      {definition !== undefined && <p className="mono muted">{definition.module}.{definition.action}</p>}
      {definition !== undefined && definition.dependencies.length > 0 && <p className="muted">after {definition.dependencies.join(', ')}</p>}
      {run !== undefined && (
        <dl className="facts">
          <dt>Status</dt><dd><StatusBadge status={run.status} /></dd>
          <CacheFacts run={run} />
          <WorkerFact worker={run.worker} />
          <dt>Attempts</dt><dd>{run.attempts}</dd>
          <dt>Duration</dt><dd>{formatDuration(run.startTime !== null && run.endTime !== null ? run.endTime - run.startTime : null)}</dd>
          {run.exitCode !== null && <><dt>Exit code</dt><dd>{run.exitCode}</dd></>}
          {run.reason !== null && <><dt>Reason</dt><dd data-reason>{waitingText(run) ?? run.reason}</dd></>}
          {run.error !== null && <><dt>Error</dt><dd className="error-text">{run.error}</dd></>}
        </dl>
      )}
      {run === undefined && <p className="muted">Not run yet. Click Run to see its status and log here.</p>}
      {executionId !== null && run !== undefined && <LogPanel executionId={executionId} step={step} started={run.startTime !== null} finished={TERMINAL_STEP_STATUSES.has(run.status)} />}
    </aside>
  );
}
