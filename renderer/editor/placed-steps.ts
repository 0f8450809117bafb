// Whether an edit placed steps by hand — added one (a drop, a paste, quick add) or moved one (a drag, a layout) —
// as opposed to editing what steps are (a rename, a parameter, an edge, a delete). Placing ties steps to where the
// user saw them: from then on the canvas keeps its view as it resizes (use-view-hold.ts).
import type { Workflow } from '../../shared/model.js';
import { positionOf } from './graph-edits.js';

export function placedSteps(before: Workflow | null, after: Workflow | null): boolean {
  if (before === null || after === null || before === after) return false;
  if (after.steps.length > before.steps.length) return true;
  const old = new Map(before.steps.map((step) => [step.name, step]));
  return after.steps.some((step) => {
    const previous = old.get(step.name);
    // Unchanged steps keep their object (graph-edits.ts): only the edited ones are compared.
    if (previous === undefined || previous === step) return false;
    const a = positionOf(previous);
    const b = positionOf(step);
    return a?.x !== b?.x || a?.y !== b?.y;
  });
}
