// One step on the canvas, memoised: its name, module.action and — in a run — status, attempts and duration.
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo, type ReactElement } from 'react';
import { formatDuration } from '../app/format-time.js';
import { useGraphStore, useRunStore } from '../app/hooks.js';
import { useNow } from '../app/use-now.js';
import { selectShownStep } from '../stores/run-selectors.js';
import type { StepNode } from './layout.js';

const STATUS_ICONS: Record<string, string> = {
  pending: '○', queued: '◌', running: '◐', retrying: '↻', succeeded: '✓', failed: '✕', skipped: '⤼', cancelled: '⊘',
};

export const StepNodeView = memo(function StepNodeView({ data }: NodeProps<StepNode>): ReactElement {
  const run = useRunStore(selectShownStep(data.name));
  const selected = useGraphStore((state) => state.selectedStep === data.name);
  const live = run?.status === 'running' || run?.status === 'retrying';
  const now = useNow(live);
  const end = run?.endTime ?? (live ? now : null);
  const duration = run?.startTime != null && end !== null ? Math.max(0, end - run.startTime) : null;
  return (
    <div className="step-node" data-step={data.name} data-status={run?.status} data-selected={selected || undefined} title={run?.reason ?? run?.error ?? undefined}>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <div className="step-node__head">
        <span className="step-node__icon" aria-hidden="true">{run === undefined ? '◇' : STATUS_ICONS[run.status]}</span>
        <span className="step-node__name">{data.name}</span>
      </div>
      <div className="step-node__action">{data.module}.{data.action}</div>
      {run !== undefined && (
        <div className="step-node__meta">
          <span className="step-node__status">{run.status}</span>
          {run.attempts > 1 && <span>attempt {run.attempts}</span>}
          <span>{formatDuration(duration)}</span>
        </div>
      )}
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
});
