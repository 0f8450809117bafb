// Copy and paste of steps: the selection with the dependencies among its own steps, pasted under fresh unique names
// with its references renamed the same way — into this workflow or another.
import type { Workflow, WorkflowStep } from '../../shared/model.js';
import { freeShift, nodeBoxes, stepBoxes } from './free-spot.js';
import { positionOf, withPosition, type XY } from './graph-edits.js';
import { renameInStep } from './rename-step.js';
import { uniqueName } from './step-names.js';

export interface ClipboardContent {
  kind: 'codomyrmex/steps';
  steps: WorkflowStep[];
}

/** The named steps; dependencies on steps outside the selection are dropped. */
export function copySteps(workflow: Workflow, names: readonly string[]): ClipboardContent {
  const chosen = new Set(names);
  const steps = workflow.steps
    .filter((step) => chosen.has(step.name))
    .map((step) => ({ ...step, dependencies: step.dependencies.filter((dep) => chosen.has(dep)) }));
  return { kind: 'codomyrmex/steps', steps };
}

/** Reads clipboard text written by copySteps (the system clipboard may hold anything else). */
export function parseClipboard(text: string): ClipboardContent | null {
  try {
    const data = JSON.parse(text) as Partial<ClipboardContent>;
    if (data.kind !== 'codomyrmex/steps' || !Array.isArray(data.steps)) return null;
    const ok = data.steps.every((step) => typeof step?.name === 'string' && typeof step.module === 'string' && typeof step.action === 'string');
    if (!ok) return null;
    return {
      kind: 'codomyrmex/steps',
      steps: data.steps.map((step) => ({
        ...step, parameters: step.parameters ?? {}, dependencies: step.dependencies ?? [], resources: step.resources ?? {},
        runWhen: step.runWhen ?? 'success', continueOnError: step.continueOnError ?? false, priority: step.priority ?? 'normal',
      })),
    };
  } catch {
    return null;
  }
}

/**
 * Adds the clipboard's steps under names unique in `workflow`, references inside the pasted set renamed to match;
 * the group keeps its shape, its top-left corner at `at` — or, where that would cover a step (the originals, an earlier
 * paste), at the nearest place where it covers none.
 */
export function pasteSteps(workflow: Workflow, content: ClipboardContent, at: XY): { workflow: Workflow; names: string[] } {
  const taken = new Set(workflow.steps.map((step) => step.name));
  const renames = new Map<string, string>();
  for (const step of content.steps) {
    const name = uniqueName(step.name, taken);
    taken.add(name);
    renames.set(step.name, name);
  }
  const origin = topLeft(content.steps);
  const shape = content.steps.map((step, index) => {
    const position = positionOf(step) ?? { x: origin.x + index * 40, y: origin.y + index * 40 };
    return { x: position.x - origin.x, y: position.y - origin.y };
  });
  const corner = freeShift(nodeBoxes(shape), stepBoxes(workflow.steps), at);
  const pasted = content.steps.map((step, index) => withPosition(renameInStep(step, renames), { x: corner.x + shape[index]!.x, y: corner.y + shape[index]!.y }));
  return { workflow: { ...workflow, steps: [...workflow.steps, ...pasted] }, names: pasted.map((step) => step.name) };
}

/** The top-left corner of the steps' positions. */
export function topLeft(steps: readonly WorkflowStep[]): XY {
  let x = Infinity;
  let y = Infinity;
  for (const step of steps) {
    const position = positionOf(step);
    if (position === null) continue;
    x = Math.min(x, position.x);
    y = Math.min(y, position.y);
  }
  return Number.isFinite(x) ? { x, y } : { x: 0, y: 0 };
}
