// The editor's group edits as pure functions over a Workflow (each a new workflow, or the same one when nothing
// changed): group a selection, rename, recolour, collapse, ungroup, move a group with its steps, and steps joining or
// leaving a group as they are dragged. Steps keep absolute positions in the file; a group's box follows its members.
import { nextGroupId, readGroups, writeGroups, type GroupColour, type WorkflowGroup } from '../../shared/workflow-groups.js';
import type { Workflow } from '../../shared/model.js';
import { NODE_HEIGHT, NODE_WIDTH } from '../canvas/node-size.js';
import { moveSteps, positionOf, type XY } from './graph-edits.js';

/** Room around the members inside a group's box; the top holds the group's title bar. */
export const GROUP_PADDING = { side: 24, top: 44 } as const;

const groupsOf = (workflow: Workflow): WorkflowGroup[] => readGroups(workflow).groups;

/** The box that holds `members` (by their saved positions), with the group's padding; null when none is placed. */
export function boxAround(workflow: Workflow, members: readonly string[]): Pick<WorkflowGroup, 'x' | 'y' | 'width' | 'height'> | null {
  const wanted = new Set(members);
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const step of workflow.steps) {
    const at = wanted.has(step.name) ? positionOf(step) : null;
    if (at === null) continue;
    left = Math.min(left, at.x);
    top = Math.min(top, at.y);
    right = Math.max(right, at.x + NODE_WIDTH);
    bottom = Math.max(bottom, at.y + NODE_HEIGHT);
  }
  if (left === Infinity) return null;
  const { side, top: head } = GROUP_PADDING;
  return { x: left - side, y: top - head, width: right - left + 2 * side, height: bottom - top + head + side };
}

/** Each group whose members changed gets a box that fits them again; a group left empty goes. */
function refit(workflow: Workflow, groups: readonly WorkflowGroup[], changed: ReadonlySet<string>): Workflow {
  const next = groups.flatMap((group) => {
    if (!changed.has(group.id)) return [group];
    if (group.steps.length === 0) return [];
    // A collapsed group stays where it is drawn: its members are out of sight.
    const box = group.collapsed ? null : boxAround(workflow, group.steps);
    return [box === null ? group : { ...group, ...box }];
  });
  return writeGroups(workflow, next);
}

/** Puts `steps` in a new group (taking them out of any other), named and coloured; null when no step is given. */
export function groupSteps(workflow: Workflow, steps: readonly string[], name: string, colour: GroupColour): { workflow: Workflow; id: string } | null {
  const known = new Set(workflow.steps.map((step) => step.name));
  const members = steps.filter((step) => known.has(step));
  const box = boxAround(workflow, members);
  if (members.length === 0 || box === null) return null;
  const groups = groupsOf(workflow);
  const id = nextGroupId(groups);
  const taken = new Set(members);
  const changed = new Set<string>();
  const others = groups.map((group) => {
    if (!group.steps.some((step) => taken.has(step))) return group;
    changed.add(group.id);
    return { ...group, steps: group.steps.filter((step) => !taken.has(step)) };
  });
  const created: WorkflowGroup = { id, name, colour, steps: members, collapsed: false, ...box };
  return { workflow: refit(workflow, [...others, created], changed), id };
}

function updateGroup(workflow: Workflow, id: string, change: (group: WorkflowGroup) => WorkflowGroup): Workflow {
  const groups = groupsOf(workflow);
  const index = groups.findIndex((group) => group.id === id);
  if (index < 0) return workflow;
  const next = change(groups[index]!);
  if (next === groups[index]) return workflow;
  return writeGroups(workflow, groups.with(index, next));
}

export const renameGroup = (workflow: Workflow, id: string, name: string): Workflow =>
  updateGroup(workflow, id, (group) => (group.name === name ? group : { ...group, name }));

export const recolourGroup = (workflow: Workflow, id: string, colour: GroupColour): Workflow =>
  updateGroup(workflow, id, (group) => (group.colour === colour ? group : { ...group, colour }));

export const setGroupCollapsed = (workflow: Workflow, id: string, collapsed: boolean): Workflow =>
  updateGroup(workflow, id, (group) => (group.collapsed === collapsed ? group : { ...group, collapsed, ...(collapsed ? {} : boxAround(workflow, group.steps)) }));

/** Removes the group; its steps stay where they are. */
export function ungroup(workflow: Workflow, id: string): Workflow {
  const groups = groupsOf(workflow);
  const next = groups.filter((group) => group.id !== id);
  return next.length === groups.length ? workflow : writeGroups(workflow, next);
}

/** The group moved to `to` (its top-left corner), every member step by the same distance. */
export function moveGroup(workflow: Workflow, id: string, to: XY): Workflow {
  const group = groupsOf(workflow).find((candidate) => candidate.id === id);
  if (group === undefined) return workflow;
  const dx = Math.round(to.x - group.x);
  const dy = Math.round(to.y - group.y);
  if (dx === 0 && dy === 0) return workflow;
  const members = new Set(group.steps);
  const positions = new Map<string, XY>();
  for (const step of workflow.steps) {
    const at = members.has(step.name) ? positionOf(step) : null;
    if (at !== null) positions.set(step.name, { x: at.x + dx, y: at.y + dy });
  }
  return updateGroup(moveSteps(workflow, positions), id, (current) => ({ ...current, x: current.x + dx, y: current.y + dy }));
}

const centreInside = (at: XY, group: WorkflowGroup): boolean => {
  const x = at.x + NODE_WIDTH / 2;
  const y = at.y + NODE_HEIGHT / 2;
  return x >= group.x && x <= group.x + group.width && y >= group.y && y <= group.y + group.height;
};

/**
 * Steps dropped at new (absolute) positions: each is moved, leaves its group when its centre is dropped outside the
 * group's box, and joins an expanded group when dropped inside one it was not in; the groups it touched refit.
 */
export function dropSteps(workflow: Workflow, positions: ReadonlyMap<string, XY>): Workflow {
  const moved = moveSteps(workflow, positions);
  const groups = groupsOf(workflow);
  if (groups.length === 0) return moved;
  const changed = new Set<string>();
  const home = new Map<string, string>();
  for (const group of groups) for (const step of group.steps) home.set(step, group.id);
  const next = groups.map((group) => ({ ...group, steps: [...group.steps] }));
  for (const [step, at] of positions) {
    const from = home.get(step);
    const current = next.find((group) => group.id === from);
    const target = current !== undefined && centreInside(at, current) ? current : next.find((group) => !group.collapsed && centreInside(at, group));
    if (target?.id === from) {
      if (from !== undefined) changed.add(from);
      continue;
    }
    if (current !== undefined) {
      current.steps = current.steps.filter((name) => name !== step);
      changed.add(current.id);
    }
    if (target !== undefined) {
      target.steps.push(step);
      changed.add(target.id);
    }
  }
  return changed.size === 0 ? moved : refit(moved, next, changed);
}

/** Takes `steps` out of whatever group holds them (the "Remove from group" command). */
export function leaveGroups(workflow: Workflow, steps: readonly string[]): Workflow {
  const leaving = new Set(steps);
  const groups = groupsOf(workflow);
  const changed = new Set(groups.filter((group) => group.steps.some((step) => leaving.has(step))).map((group) => group.id));
  if (changed.size === 0) return workflow;
  return refit(workflow, groups.map((group) => (changed.has(group.id) ? { ...group, steps: group.steps.filter((step) => !leaving.has(step)) } : group)), changed);
}

/** A step renamed: the groups naming it follow. */
export function renameInGroups(workflow: Workflow, from: string, to: string): Workflow {
  const groups = groupsOf(workflow);
  if (!groups.some((group) => group.steps.includes(from))) return workflow;
  return writeGroups(workflow, groups.map((group) => (group.steps.includes(from) ? { ...group, steps: group.steps.map((step) => (step === from ? to : step)) } : group)));
}

/** The collapsed group holding `step` expanded, so the step can be shown; the same workflow when none holds it. */
export function revealStep(workflow: Workflow, step: string): Workflow {
  const holder = groupsOf(workflow).find((group) => group.collapsed && group.steps.includes(step));
  return holder === undefined ? workflow : setGroupCollapsed(workflow, holder.id, false);
}

/** Every group's box fitted around its steps again, collapsed or not (after an auto-layout moved them all). */
export function refitGroups(workflow: Workflow): Workflow {
  const groups = groupsOf(workflow);
  if (groups.length === 0) return workflow;
  return writeGroups(workflow, groups.map((group) => ({ ...group, ...boxAround(workflow, group.steps) })));
}
