// The editor's group commands: group the selection (named in the app's own dialog), rename, recolour, collapse and
// expand, ungroup, take steps out of a group, and a finished drag (a group carries its steps; a step dropped in or out
// of a group joins or leaves it). Each is one undo entry.
import { GROUP_COLOURS, GROUP_NAME_MAX, readGroups, type GroupColour, type WorkflowGroup } from '../../shared/workflow-groups.js';
import type { Stores } from '../app/stores.js';
import { GROUP_NODE_PREFIX, groupNodeId, isGroupNode } from '../canvas/group-nodes.js';
import type { Dialogs } from '../ui/dialogs.js';
import type { XY } from './graph-edits.js';
import { dropSteps, groupSteps, leaveGroups, moveGroup, recolourGroup, renameGroup, setGroupCollapsed, ungroup } from './group-edits.js';

/** A node as a drag reports it: children's positions are relative to their group's node. */
export interface DraggedNode {
  id: string;
  position: XY;
  parentId?: string;
}

export const groupNameProblem = (name: string): string | null =>
  name.trim() === '' ? 'A group needs a name' : name.length > GROUP_NAME_MAX ? `A group name has at most ${GROUP_NAME_MAX} characters` : null;

export function createGroupActions(stores: Pick<Stores, 'graph' | 'notices'>, dialogs: Dialogs) {
  const { graph, notices } = stores;
  const refuse = (message: string): void => notices.getState().report({ message, code: 'refused', problems: [] });
  const groups = (): WorkflowGroup[] => {
    const workflow = graph.getState().workflow;
    return workflow === null ? [] : readGroups(workflow).groups;
  };
  const groupOf = (id: string): WorkflowGroup | undefined => groups().find((group) => group.id === id);
  /** The selected groups: group nodes selected on the canvas. */
  const selectedGroups = (): string[] => graph.getState().nodes.filter((node) => isGroupNode(node) && node.selected === true).map((node) => node.id.slice(GROUP_NODE_PREFIX.length));

  const selectGroup = (id: string): void => {
    const target = groupNodeId(id);
    graph.getState().setNodes(graph.getState().nodes.map((node) => (node.id === target) === (node.selected === true) ? node : { ...node, selected: node.id === target }), true);
  };

  /** Asks for a name, then puts the selected steps in a new group, which is then selected (its inspector shows). */
  const groupSelection = async (): Promise<string | null> => {
    const steps = graph.getState().selectedSteps;
    if (steps.length === 0) return refuse('Select the steps to group first (Shift+drag draws a selection box)'), null;
    const existing = groups();
    const name = await dialogs.prompt({
      title: 'Group steps', label: 'Group name', initial: `Group ${existing.length + 1}`, submitLabel: 'Group',
      hint: `${steps.length} step${steps.length === 1 ? '' : 's'}: ${steps.slice(0, 4).join(', ')}${steps.length > 4 ? ', …' : ''}`,
      validate: groupNameProblem,
    });
    if (name === null) return null;
    const colour: GroupColour = GROUP_COLOURS[existing.length % GROUP_COLOURS.length]!;
    let id: string | null = null;
    graph.getState().edit(`group ${name}`, (workflow) => {
      const result = groupSteps(workflow, steps, name, colour);
      id = result?.id ?? null;
      return result?.workflow ?? workflow;
    });
    if (id !== null) selectGroup(id);
    return id;
  };

  const rename = (id: string, name: string): boolean => {
    const problem = groupNameProblem(name);
    if (problem !== null) return refuse(problem), false;
    return graph.getState().edit('rename group', (workflow) => renameGroup(workflow, id, name.trim()), `group:${id}:name`);
  };

  /** Renames through the app's name dialog (the context menu's "Rename group…"). */
  const askRename = async (id: string): Promise<boolean> => {
    const group = groupOf(id);
    if (group === undefined) return false;
    const name = await dialogs.prompt({ title: 'Rename group', label: 'Group name', initial: group.name, submitLabel: 'Rename', validate: groupNameProblem });
    return name !== null && rename(id, name);
  };

  const setCollapsed = (id: string, collapsed: boolean): boolean =>
    graph.getState().edit(collapsed ? 'collapse group' : 'expand group', (workflow) => setGroupCollapsed(workflow, id, collapsed));

  /** Ungroups the selected groups, else the groups holding the selected steps. */
  const ungroupSelection = (): boolean => {
    const chosen = selectedGroups();
    const selected = new Set(graph.getState().selectedSteps);
    const ids = chosen.length > 0 ? chosen : groups().filter((group) => group.steps.some((step) => selected.has(step))).map((group) => group.id);
    if (ids.length === 0) return refuse('Select a group (or steps in one) to ungroup'), false;
    return graph.getState().edit('ungroup', (workflow) => ids.reduce(ungroup, workflow));
  };

  /** One undo entry per drag: groups move with their steps, steps move and join or leave groups where dropped. */
  const commitDrag = (nodes: readonly DraggedNode[]): boolean => {
    const byId = new Map(graph.getState().nodes.map((node) => [node.id, node]));
    const stepPositions = new Map<string, XY>();
    const moves: { id: string; to: XY }[] = [];
    for (const node of nodes) {
      if (node.id.startsWith(GROUP_NODE_PREFIX)) moves.push({ id: node.id.slice(GROUP_NODE_PREFIX.length), to: node.position });
      else {
        const parent = node.parentId === undefined ? undefined : byId.get(node.parentId);
        stepPositions.set(node.id, parent === undefined ? node.position : { x: node.position.x + parent.position.x, y: node.position.y + parent.position.y });
      }
    }
    return graph.getState().edit('move', (workflow) => {
      const moved = moves.reduce((current, { id, to }) => moveGroup(current, id, to), workflow);
      // A step dragged along with its own group has already moved with it.
      const carried = new Set(moves.flatMap(({ id }) => groupOf(id)?.steps ?? []));
      return dropSteps(moved, new Map([...stepPositions].filter(([step]) => !carried.has(step))));
    });
  };

  return {
    groupSelection,
    renameGroup: rename,
    askRenameGroup: askRename,
    recolourGroup: (id: string, colour: GroupColour) => graph.getState().edit('recolour group', (workflow) => recolourGroup(workflow, id, colour)),
    setGroupCollapsed: setCollapsed,
    ungroup: (id: string) => graph.getState().edit('ungroup', (workflow) => ungroup(workflow, id)),
    ungroupSelection,
    removeFromGroup: (steps: readonly string[]) => graph.getState().edit('remove from group', (workflow) => leaveGroups(workflow, steps)),
    commitDrag,
    selectGroup,
    isStepSelected: (step: string) => graph.getState().selectedSteps.includes(step),
  };
}
