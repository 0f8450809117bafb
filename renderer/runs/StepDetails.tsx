// The selected step of the shown run: status (and the run it was reused from), the cache (restored, or why it ran), the worker that ran it, attempts,
// timing, exit code, reason, outputs, Cancel step, its log.
import type { ReactElement } from 'react';
import { TERMINAL_STEP_STATUSES } from '../../shared/model.js';
import { formatDuration } from '../app/format-time.js';
import { stripAnsi } from './ansi.js';
import { useActions, useRunStore } from '../app/hooks.js';
import { useNow } from '../app/use-now.js';
import { durationOf, selectShownStep } from './run-selectors.js';
import { StatusBadge } from '../ui/StatusBadge.js';
import { LogPanel } from './LogPanel.js';
import { CacheFacts } from './CacheFacts.js';
import { WorkerFact } from './WorkerFact.js';
import { waitingText } from './worker-words.js';

export function StepDetails({ executionId, step, most }: { executionId: string; step: string; most: number }): ReactElement {
  const run = useRunStore(selectShownStep(step));
  const live = run?.status === 'running' || run?.status === 'retrying';
  const now = useNow(live);
  const { cancelStep, selectRunStep, openRun } = useActions();
  const cancellable = run !== undefined && !TERMINAL_STEP_STATUSES.has(run.status);
  const outputs = Object.entries(run?.outputs ?? {});
  return (
    <aside className="step-panel step-panel--run" aria-label={`Step ${step}`}>
      <header className="step-panel__header">
        <h2>{step}</h2>
        <div className="step-panel__actions">
          {cancellable && <button type="button" className="button button--small" onClick={() => void cancelStep(executionId, step)}>Cancel step</button>}
          <button type="button" className="icon-button" aria-label="Close step details" onClick={() => selectRunStep(null)}>✕</button>
        </div>
      </header>
      {run === undefined ? <p className="muted">Not reached in this run.</p> : (
        <dl className="facts">
          <dt>Status</dt><dd><StatusBadge status={run.status} />{run.reusedFrom != null && <> reused</>}</dd>
          {run.reusedFrom != null && <><dt>Reused</dt><dd>not run again: kept from run <button type="button" className="link-button mono" onClick={() => void openRun(run.reusedFrom!)}>{run.reusedFrom.slice(0, 8)}</button> (its times, outputs and log)</dd></>}
          <CacheFacts run={run} />
          <WorkerFact worker={run.worker} />
          <dt>Attempts</dt><dd>{run.attempts} of {Math.max(most, run.attempts)}</dd>
          <dt>Duration</dt><dd>{formatDuration(!live && run.endTime === null ? null : durationOf(run.startTime, run.endTime, now))}</dd>
          {run.exitCode !== null && <><dt>Exit code</dt><dd>{run.exitCode}</dd></>}
          {run.reason !== null && <><dt>Reason</dt><dd data-reason>{waitingText(run) ?? run.reason}</dd></>}
          {run.error !== null && <><dt>Error</dt><dd className="error-text">{run.error}</dd></>}
          {outputs.length > 0 && <><dt>Outputs</dt><dd><ul className="outputs">{outputs.map(([key, value]) => <li key={key} className="mono"><strong>{key}</strong> = {typeof value === 'string' ? stripAnsi(value).slice(-200) : JSON.stringify(value)}</li>)}</ul></dd></>}
        </dl>
      )}
      <LogPanel executionId={executionId} step={step} started={run?.startTime != null} finished={run !== undefined && TERMINAL_STEP_STATUSES.has(run.status)} />
    </aside>
  );
}
