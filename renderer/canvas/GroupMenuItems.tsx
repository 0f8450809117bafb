// The group commands in the canvas's context menu: on a group, rename, collapse or expand, ungroup; on a step, group
// the selection (with this step) and, for a step in a group, take it out.
import { useMemo, type ReactElement } from 'react';
import { readGroups } from '../../shared/workflow-groups.js';
import { useActions, useGraphStore } from '../app/hooks.js';
import { GROUP_NODE_PREFIX } from './group-nodes.js';
import { MenuItem } from '../ui/Menu.js';

interface Item {
  label: string;
  hint: string;
  run(): unknown;
}

function Items({ items, onClose }: { items: readonly Item[]; onClose: () => void }): ReactElement {
  return <>{items.map(({ label, hint, run }) => <MenuItem key={label} label={label} hint={hint} onClose={onClose} onSelect={run} />)}</>;
}

export const isGroupMenu = (id: string): boolean => id.startsWith(GROUP_NODE_PREFIX);

export function GroupMenuItems({ nodeId, onClose }: { nodeId: string; onClose: () => void }): ReactElement | null {
  const actions = useActions();
  const id = nodeId.slice(GROUP_NODE_PREFIX.length);
  const workflow = useGraphStore((state) => state.workflow);
  const group = useMemo(() => (workflow === null ? undefined : readGroups(workflow).groups.find((candidate) => candidate.id === id)), [workflow, id]);
  if (group === undefined) return null;
  return (
    <Items onClose={onClose} items={[
      { label: 'Rename group…', hint: group.name, run: () => actions.askRenameGroup(id) },
      group.collapsed
        ? { label: 'Expand group', hint: `Show its ${group.steps.length} steps`, run: () => actions.setGroupCollapsed(id, false) }
        : { label: 'Collapse group', hint: 'Draw it as one node', run: () => actions.setGroupCollapsed(id, true) },
      { label: 'Ungroup', hint: 'The steps stay where they are (Ctrl+Shift+G)', run: () => actions.ungroup(id) },
    ]} />
  );
}

export function StepGroupMenuItems({ step, onClose }: { step: string; onClose: () => void }): ReactElement {
  const actions = useActions();
  const workflow = useGraphStore((state) => state.workflow);
  const inGroup = useMemo(() => workflow !== null && readGroups(workflow).groups.some((group) => group.steps.includes(step)), [workflow, step]);
  const items: Item[] = [{
    label: 'Group selected steps…',
    hint: 'Name a new group (Ctrl+G)',
    run: () => {
      // As a native menu does: a step outside the selection right-clicked stands alone.
      if (!actions.isStepSelected(step)) actions.select([step]);
      return actions.groupSelection();
    },
  }];
  if (inGroup) items.push({ label: 'Remove from group', hint: 'Keep the step, leave the group', run: () => actions.removeFromGroup([step]) });
  return <Items items={items} onClose={onClose} />;
}
