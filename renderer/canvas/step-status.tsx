// The status line both canvases give a step of a run: its status glyph and word, the worker's host when one ran it,
// the attempt counter of a step that may retry ("attempt 2/3"), and its duration, ticking while it runs. A plain function, as the face is (see step-face.tsx).
import type { ReactElement } from 'react';
import type { StepRun, StepStatus } from '../../shared/model.js';
import { formatDuration } from '../app/format-time.js';
import { durationOf } from '../runs/run-selectors.js';
import { workerLabel } from '../runs/worker-words.js';
import { STATUS_ICONS } from './step-icons.js';

/** Whether a step's duration ticks: it runs, or waits between attempts. */
export const ticking = (run: StepRun | undefined): boolean => run?.status === 'running' || run?.status === 'retrying';

/** `retries`: how many more attempts the step may make after its first; `now` ticks while `ticking(run)`. */
export function stepStatus(status: StepStatus, run: StepRun | undefined, retries: number, now: number): ReactElement {
  const most = 1 + retries;
  const attempts = run?.attempts ?? 0;
  // A step that has not started, or ended without a time (cancelled while queued), has no duration to show.
  const duration = run === undefined || (!ticking(run) && run.endTime === null) ? null : durationOf(run.startTime, run.endTime, now);
  return (
    <div className="step-node__meta">
      <span className="step-node__icon" aria-hidden="true">{STATUS_ICONS[status]}</span>
      <span className="step-node__status">{status.replace('-', ' ')}</span>
      {run?.worker != null && <span className="step-node__worker" data-worker={run.worker.id} title={`on ${workerLabel(run.worker)}`}>on {run.worker.host}</span>}
      {attempts > 0 && (most > 1 || attempts > 1) && <span className="step-node__attempt">attempt {attempts}/{Math.max(most, attempts)}</span>}
      <span>{formatDuration(duration)}</span>
    </div>
  );
}
