// Notes (not errors) on `${{ steps.X.outputs.K }}` references that can read empty: the step may run when X failed or was skipped.
import type { Problem } from './errors.js';
import type { Workflow, WorkflowStep } from './model.js';
import { collectRefs } from './templating.js';
import type { ActionCatalog } from './validate.js';

/**
 * A step runs only after X succeeded when it runs on success and one of its dependencies is X (without
 * continueOnError) or itself runs only after X succeeded. Any other reference to X can meet a failed X (what
 * it set before failing is there, the rest reads empty) or a skipped X (everything reads empty).
 */
export function emptyReferenceNotes(workflow: Workflow, catalog: ActionCatalog, file?: string): Problem[] {
  const byName = new Map(workflow.steps.map((step) => [step.name, step]));
  const memo = new Map<string, boolean>();
  const visiting = new Set<string>();
  const needsSuccessOf = (step: WorkflowStep, target: string): boolean => {
    const key = `${step.name}\u0000${target}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    // A cycle is an error reported elsewhere; the walk only must not loop.
    if (step.runWhen !== 'success' || visiting.has(key)) return false;
    visiting.add(key);
    const result = step.dependencies.some((dep) => {
      const upstream = byName.get(dep);
      if (upstream === undefined) return false;
      return dep === target ? !upstream.continueOnError : needsSuccessOf(upstream, target);
    });
    visiting.delete(key);
    memo.set(key, result);
    return result;
  };
  const notes: Problem[] = [];
  for (const step of workflow.steps) {
    for (const { path, ref } of collectRefs(step.parameters, ['parameters'])) {
      if (ref.kind !== 'steps') continue;
      const target = byName.get(ref.step);
      if (target === undefined || needsSuccessOf(step, ref.step)) continue;
      const always = catalog.get(target.module, target.action)?.outputs.includes(ref.key) === true;
      const when = always ? `"${ref.step}" is skipped` : `"${ref.step}" is skipped, or fails before setting it`;
      notes.push({
        ...(file !== undefined ? { file } : {}),
        step: step.name,
        field: path.join('.'),
        message: `\${{ ${ref.text} }} is empty when ${when} (${runsAfter(step, ref.step, byName)})`,
      });
    }
  }
  return notes;
}

function runsAfter(step: WorkflowStep, target: string, byName: ReadonlyMap<string, WorkflowStep>): string {
  if (step.runWhen !== 'success') return `this step has runWhen: ${step.runWhen}`;
  if (step.dependencies.includes(target) && byName.get(target)?.continueOnError === true) return `"${target}" has continueOnError`;
  return `this step can run without "${target}" succeeding`;
}
