// A subflow step (`workflow.run`) on the editor's canvas, memoised: drawn as a stack of cards, naming the child
// workflow and its step count, with a button (or a double-click) that opens the child; in a run, its child's progress.
import { Handle, Position, useReactFlow, type NodeProps } from '@xyflow/react';
import { memo, useCallback, type ReactElement } from 'react';
import { useActions, useGraphStore, useRunStore, useValidationStore } from '../app/hooks.js';
import { useNow } from '../app/use-now.js';
import { childRunText, useChildRun } from '../runs/child-run.js';
import { selectShownStep } from '../runs/run-selectors.js';
import type { StepNode } from './step-nodes.js';
import { useStepFace } from './step-face.js';
import { stepStatus, ticking } from './step-status.js';
import { subflowLine, useSubflowChild } from './subflow-face.js';

export const SubflowNodeView = memo(function SubflowNodeView({ data, selected, sourcePosition, targetPosition }: NodeProps<StepNode>): ReactElement {
  const projectId = useGraphStore((state) => state.shown?.projectId);
  const child = useSubflowChild(data.step, projectId);
  const run = useRunStore(selectShownStep(data.name));
  const problem = useValidationStore((state) => state.byStep.get(data.name));
  const { glyph } = useStepFace(data);
  const now = useNow(ticking(run));
  const { openSubflow } = useActions();
  const { getViewport } = useReactFlow();
  const open = useCallback(() => void openSubflow(data.name, getViewport()), [openSubflow, data.name, getViewport]);
  const childRun = useChildRun(run);
  const childName = child !== null && 'entry' in child ? child.entry.name : undefined;
  return (
    <div
      className="step-node subflow-node nopan" data-step={data.name} data-subflow={childName} data-status={run?.status} data-selected={selected || undefined}
      data-invalid={problem !== undefined || undefined} title={problem ?? run?.error ?? 'Double-click to open the subflow'} onDoubleClick={open}
    >
      <Handle type="target" position={targetPosition ?? Position.Left} aria-label={`Dependencies of ${data.name}`} />
      <div className="step-node__head">
        <span className="step-node__glyph subflow-node__glyph" aria-hidden="true">{glyph}</span>
        <span className="step-node__name">{data.name}</span>
        {problem !== undefined && <span className="step-node__problem" role="img" aria-label={`${data.name} is invalid: ${problem}`}>!</span>}
        <button type="button" className="subflow-node__open nodrag" onClick={open} disabled={childName === undefined} aria-label={`Open subflow ${data.name}`} title={childName === undefined ? 'Its workflow is not in this project' : `Open ${childName} (double-click)`}>Open ↗</button>
      </div>
      {subflowLine(child, childRun === null ? null : childRunText(childRun))}
      {run !== undefined ? stepStatus(run.status, run, data.step.retry?.count ?? 0, now) : <div className="step-node__action">subflow · workflow.run</div>}
      <Handle type="source" position={sourcePosition ?? Position.Right} aria-label={`Make another step depend on ${data.name}`} />
    </div>
  );
});
