// A subflow step on a run's canvas, memoised: the child workflow, the child run's live progress (n of m, its status)
// and a button that opens the child run in the run view.
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo, type ReactElement } from 'react';
import { useActions, useRunStore, useRunViewStore } from '../app/hooks.js';
import { useNow } from '../app/use-now.js';
import type { StepNode } from '../canvas/step-nodes.js';
import { useStepFace } from '../canvas/step-face.js';
import { stepStatus, ticking } from '../canvas/step-status.js';
import { subflowLine, useSubflowChild } from '../canvas/subflow-face.js';
import { childRunText, useChildRun } from './child-run.js';
import { RunNodeView } from './RunNodeView.js';
import { selectShownRun, selectShownStep } from './run-selectors.js';

export const RunSubflowNodeView = memo(function RunSubflowNodeView(props: NodeProps<StepNode>): ReactElement {
  const { data, sourcePosition, targetPosition } = props;
  const run = useRunStore(selectShownStep(data.name));
  const projectId = useRunStore((state) => selectShownRun(state)?.summary?.projectId);
  const selected = useRunViewStore((state) => state.selectedStep === data.name);
  const child = useSubflowChild(data.step, projectId);
  const { glyph } = useStepFace(data);
  const now = useNow(ticking(run));
  const { openRun } = useActions();
  const status = run?.status ?? 'pending';
  const childRun = useChildRun(run);
  // Left out of a partial run, or kept from an earlier one: drawn as any step is then, not as a subflow that ran.
  if (status === 'not-selected' || run?.reusedFrom != null) return <RunNodeView {...props} />;
  return (
    <div className="step-node step-node--run subflow-node" data-step={data.name} data-status={status} data-selected={selected || undefined} data-child-run={childRun?.executionId} title={run?.error ?? run?.reason ?? undefined}>
      <Handle type="target" position={targetPosition ?? Position.Left} isConnectable={false} />
      <div className="step-node__head">
        <span className="step-node__glyph subflow-node__glyph" aria-hidden="true">{glyph}</span>
        <span className="step-node__name">{data.name}</span>
        {childRun !== null && (
          <button type="button" className="subflow-node__open nodrag" onClick={(event) => { event.stopPropagation(); void openRun(childRun.executionId); }} aria-label={`Open the child run of ${data.name}`} title="Open the child run">Open ↗</button>
        )}
      </div>
      {subflowLine(child, childRun === null ? null : childRunText(childRun))}
      {stepStatus(status, run, data.step.retry?.count ?? 0, now)}
      <Handle type="source" position={sourcePosition ?? Position.Right} isConnectable={false} />
    </div>
  );
});
