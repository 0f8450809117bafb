// Where a workflow's steps go when it is opened: the file's positions, or one dagre layout when any step lacks one.
// Loaded with dynamic import when a workflow is opened, so dagre stays out of the first view's chunks.
import type { Workflow } from '../../shared/model.js';
import { moveSteps, positionOf } from '../editor/graph-edits.js';
import { layoutPositions, type LayoutDirection } from './layout.js';

/** Positions from the file where every step has one; otherwise one dagre layout for all, as the file's baseline. */
export function placeSteps(workflow: Workflow, direction: LayoutDirection): Workflow {
  if (workflow.steps.every((step) => positionOf(step) !== null)) return workflow;
  return moveSteps(workflow, layoutPositions(workflow.steps, direction));
}
