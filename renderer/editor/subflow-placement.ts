// Where a new subflow step stands after "Convert to subflow": at the centre of the steps it replaced (as the transform
// puts it), moved the least distance until it covers no group frame and no other step — a frame drawn over a step
// that is not in its group reads as if it were.
import type { Workflow } from '../../shared/model.js';
import { readGroups } from '../../shared/workflow-groups.js';
import { COLLAPSED_HEIGHT, COLLAPSED_WIDTH } from '../canvas/group-nodes.js';
import { freeShift, nodeBoxes, stepBoxes, type Box } from './free-spot.js';
import { positionOf, withPosition } from './graph-edits.js';

/** The workflow with step `name` moved clear of every group frame and step; the same object when it already is. */
export function placeClear(workflow: Workflow, name: string): Workflow {
  const index = workflow.steps.findIndex((step) => step.name === name);
  const step = workflow.steps[index];
  const at = step === undefined ? null : positionOf(step);
  if (step === undefined || at === null) return workflow;
  const { groups } = readGroups(workflow);
  const frames: Box[] = groups.filter((group) => !group.steps.includes(name)).map((group) => ({
    x: group.x, y: group.y, width: group.collapsed ? COLLAPSED_WIDTH : group.width, height: group.collapsed ? COLLAPSED_HEIGHT : group.height,
  }));
  // Steps of a collapsed group are not drawn: its frame stands for them.
  const hidden = new Set(groups.filter((group) => group.collapsed).flatMap((group) => group.steps));
  const others = stepBoxes(workflow.steps.filter((other) => other.name !== name && !hidden.has(other.name)));
  const to = freeShift(nodeBoxes([{ x: 0, y: 0 }]), [...frames, ...others], at);
  return to.x === at.x && to.y === at.y ? workflow : { ...workflow, steps: workflow.steps.with(index, withPosition(step, to)) };
}
