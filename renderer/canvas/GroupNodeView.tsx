// A group on the canvas, memoised: expanded, a tinted frame behind its steps with a title bar; collapsed, one compact
// node standing in for them — in a run it says how its steps are doing ("running 2 · failed 1 · 5 of 9"), coloured by
// the worst status among them. Reads the run through one string-valued selector, so only a change of that line
// re-renders it.
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo, type ReactElement } from 'react';
import { groupProgress, progressText, type WorkflowGroup } from '../../shared/workflow-groups.js';
import type { RunState } from '../runs/live-run-store.js';
import { selectShownRun } from '../runs/run-selectors.js';
import { useRunStore, useValidationStore } from '../app/hooks.js';
import type { GroupNode } from './group-nodes.js';
import { useGroupToggle } from './group-toggle.js';
import '../styles/groups.css';

/** "worst|text" for the shown run, or "" with no run shown: one primitive, so equal lines skip the render. */
const selectGroupRun = (steps: readonly string[]) => (state: RunState): string => {
  const run = selectShownRun(state);
  if (run === undefined) return '';
  const progress = groupProgress(steps.map((step) => run.steps.get(step)?.status));
  return `${progress.worst}|${progressText(progress)}`;
};

const stepCount = (group: WorkflowGroup): string => `${group.steps.length} step${group.steps.length === 1 ? '' : 's'}`;

export const GroupNodeView = memo(function GroupNodeView({ data, selected, sourcePosition, targetPosition }: NodeProps<GroupNode>): ReactElement {
  const { group } = data;
  const toggle = useGroupToggle();
  const runLine = useRunStore(selectGroupRun(group.steps));
  // Collapsed, its steps' badges are out of sight: the group says how many are invalid (Run is disabled meanwhile).
  const invalid = useValidationStore((state) => (group.collapsed ? group.steps.filter((step) => state.byStep.has(step)).length : 0));
  const [worst, progress] = runLine === '' ? [undefined, undefined] : runLine.split('|');
  const button = toggle === null ? null : (
    <button
      type="button" className="step-group__toggle nodrag" aria-expanded={!group.collapsed}
      aria-label={`${group.collapsed ? 'Expand' : 'Collapse'} group ${group.name}`} title={group.collapsed ? 'Expand' : 'Collapse'}
      onClick={(event) => {
        event.stopPropagation();
        toggle(group.id, !group.collapsed);
      }}
    >{group.collapsed ? '▸' : '▾'}</button>
  );
  if (!group.collapsed) {
    return (
      <div className="step-group" data-group={group.name} data-colour={group.colour} data-selected={selected || undefined}>
        <div className="step-group__bar">
          {button}
          <span className="step-group__name">{group.name}</span>
          <span className="step-group__count">{stepCount(group)}</span>
        </div>
      </div>
    );
  }
  return (
    <div className="step-group step-group--collapsed" data-group={group.name} data-colour={group.colour} data-collapsed="true" data-status={worst} data-selected={selected || undefined} data-invalid={invalid > 0 || undefined} title={`${group.name}: ${group.steps.join(', ')}`}>
      <Handle type="target" position={targetPosition ?? Position.Left} isConnectable={false} />
      <div className="step-group__bar">
        {button}
        <span className="step-group__name">{group.name}</span>
        {invalid > 0 && <span className="step-node__problem" role="img" aria-label={`${group.name}: ${invalid} invalid step${invalid === 1 ? '' : 's'}`} title={`${invalid} invalid step${invalid === 1 ? '' : 's'}: expand to see which`}>!</span>}
      </div>
      <div className="step-group__meta">
        {progress === undefined ? <span>{stepCount(group)}</span> : <span className="step-group__progress" aria-label={`${group.name}: ${progress}`}>{progress}</span>}
      </div>
      <Handle type="source" position={sourcePosition ?? Position.Right} isConnectable={false} />
    </div>
  );
});
