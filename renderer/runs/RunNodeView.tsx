// One step of a run's canvas, memoised: its action's glyph, name and summary, status colour, the worker's host when
// one ran it, attempt counter ("attempt 2/3"), duration ticking while it runs, why a queued or skipped step waits,
// a step restored from the cache drawn as cached (its key in the title), and a step kept from an earlier run drawn as reused. It reads its own step run, so a change re-renders only that node.
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo, type ReactElement } from 'react';
import { useRunStore, useRunViewStore } from '../app/hooks.js';
import { useNow } from '../app/use-now.js';
import { REUSED_ICON, STATUS_ICONS } from '../canvas/step-icons.js';
import type { StepNode } from '../canvas/step-nodes.js';
import { stepFace, useStepFace } from '../canvas/step-face.js';
import { stepStatus, ticking } from '../canvas/step-status.js';
import { cacheNote } from './cache-words.js';
import { selectShownStep } from './run-selectors.js';
import { waitingText } from './worker-words.js';

export const RunNodeView = memo(function RunNodeView({ data, sourcePosition, targetPosition }: NodeProps<StepNode>): ReactElement {
  const run = useRunStore(selectShownStep(data.name));
  const selected = useRunViewStore((state) => state.selectedStep === data.name);
  const face = useStepFace(data);
  const now = useNow(ticking(run));
  const status = run?.status ?? 'pending';
  const waiting = status === 'queued' || status === 'skipped' ? run?.reason ?? null : null;
  const reused = run?.reusedFrom ?? null;
  if (status === 'not-selected') return <NotSelectedNode name={data.name} from={reused} selected={selected} sourcePosition={sourcePosition} targetPosition={targetPosition} />;
  if (reused !== null) return <ReusedNode name={data.name} status={status} from={reused} selected={selected} sourcePosition={sourcePosition} targetPosition={targetPosition} />;
  return (
    <div className="step-node step-node--run" data-step={data.name} data-status={status} data-selected={selected || undefined} title={run?.error ?? waitingText(run) ?? run?.reason ?? cacheNote(run) ?? undefined}>
      <Handle type="target" position={targetPosition ?? Position.Left} isConnectable={false} />
      {stepFace(data.name, face, waiting)}
      {stepStatus(status, run, data.step.retry?.count ?? 0, now)}
      <Handle type="source" position={sourcePosition ?? Position.Right} isConnectable={false} />
    </div>
  );
});

/** A step a partial run left out: drawn apart, naming the earlier run whose outputs the selected steps read from it. */
function NotSelectedNode({ name, from, selected, sourcePosition, targetPosition }: { name: string; from: string | null; selected: boolean } & Pick<NodeProps<StepNode>, 'sourcePosition' | 'targetPosition'>): ReactElement {
  return (
    <div className="step-node step-node--run step-node--not-selected" data-step={name} data-status="not-selected" data-selected={selected || undefined} title={from === null ? 'Not selected: left out of this run' : `Not selected: its outputs are read from run ${from}`}>
      <Handle type="target" position={targetPosition ?? Position.Left} isConnectable={false} />
      <div className="step-node__head">
        <span className="step-node__icon" aria-hidden="true">{STATUS_ICONS['not-selected']}</span>
        <span className="step-node__name">{name}</span>
      </div>
      <div className="step-node__action">{from === null ? 'left out of this run' : `outputs from run ${from.slice(0, 8)}`}</div>
      <div className="step-node__meta"><span className="step-node__status">not selected</span></div>
      <Handle type="source" position={sourcePosition ?? Position.Right} isConnectable={false} />
    </div>
  );
}

/** A step a re-run from failed kept from an earlier run: drawn apart (dashed, no duration), never as if it ran again. */
function ReusedNode({ name, status, from, selected, sourcePosition, targetPosition }: { name: string; status: string; from: string; selected: boolean } & Pick<NodeProps<StepNode>, 'sourcePosition' | 'targetPosition'>): ReactElement {
  return (
    <div className="step-node step-node--run step-node--reused" data-step={name} data-status={status} data-reused={from} data-selected={selected || undefined} title={`Not run again: its result is kept from run ${from}`}>
      <Handle type="target" position={targetPosition ?? Position.Left} isConnectable={false} />
      <div className="step-node__head">
        <span className="step-node__icon" aria-hidden="true">{REUSED_ICON}</span>
        <span className="step-node__name">{name}</span>
      </div>
      <div className="step-node__action">reused from run {from.slice(0, 8)}</div>
      <div className="step-node__meta"><span className="step-node__status">reused</span></div>
      <Handle type="source" position={sourcePosition ?? Position.Right} isConnectable={false} />
    </div>
  );
}
