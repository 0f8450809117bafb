// One step on the canvas, memoised: its action's glyph, name and summary, a badge when invalid and — in a run —
// status, attempts and duration. It reads its own problem and run state, so a change re-renders only the nodes it
// concerns; panning and zooming re-render none.
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo, type ReactElement } from 'react';
import { useRunStore, useValidationStore } from '../app/hooks.js';
import { useNow } from '../app/use-now.js';
import { selectShownStep } from '../runs/run-selectors.js';
import type { StepNode } from './step-nodes.js';
import { stepFace, useStepFace } from './step-face.js';
import { stepStatus, ticking } from './step-status.js';

export const StepNodeView = memo(function StepNodeView({ data, selected, sourcePosition, targetPosition }: NodeProps<StepNode>): ReactElement {
  const run = useRunStore(selectShownStep(data.name));
  const problem = useValidationStore((state) => state.byStep.get(data.name));
  const face = useStepFace(data);
  const now = useNow(ticking(run));
  const title = problem ?? run?.reason ?? run?.error ?? undefined;
  // Why a queued step waits (a resource, a slot) replaces its summary, as on the run view's canvas.
  const waiting = run?.status === 'queued' ? run.reason : null;
  const badge = problem !== undefined ? <span className="step-node__problem" role="img" aria-label={`${data.name} is invalid: ${problem}`}>!</span> : null;
  return (
    <div className="step-node" data-step={data.name} data-status={run?.status} data-selected={selected || undefined} data-invalid={problem !== undefined || undefined} title={title}>
      <Handle type="target" position={targetPosition ?? Position.Left} aria-label={`Dependencies of ${data.name}`} />
      {stepFace(data.name, face, waiting, badge, run === undefined)}
      {run !== undefined && stepStatus(run.status, run, data.step.retry?.count ?? 0, now)}
      <Handle type="source" position={sourcePosition ?? Position.Right} aria-label={`Make another step depend on ${data.name}`} />
    </div>
  );
});
