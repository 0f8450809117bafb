// Running part of a workflow: which steps a selection (only / from / to) runs, and which left-out steps they read.
import { ValidationError, type Problem } from './errors.js';
import { ancestorsOf, dependentsOf } from './graph.js';
import type { RunSelection, StepSelection, Workflow, WorkflowStep } from './model.js';
import { collectRefs } from './templating.js';

/** What one mode means, in the words every door shows. */
export const SELECTION_LABELS: Record<StepSelection['mode'], string> = {
  only: 'Run this step only',
  from: 'Run from here',
  to: 'Run up to here',
};

/** The steps a selection runs, in workflow order; refuses a step the workflow lacks, naming it. */
export function selectedSteps(workflow: Workflow, selection: StepSelection, file?: string): string[] {
  const byName = new Map(workflow.steps.map((step) => [step.name, step]));
  const problems: Problem[] = [];
  if (selection.steps.length === 0) problems.push({ ...(file !== undefined ? { file } : {}), field: 'selection', message: `"${selection.mode}" names no step` });
  if ((selection.mode === 'from' || selection.mode === 'to') && selection.steps.length > 1) {
    problems.push({ ...(file !== undefined ? { file } : {}), field: 'selection', message: `"${selection.mode}" takes one step, got ${selection.steps.length} (${selection.steps.join(', ')})` });
  }
  for (const name of selection.steps) {
    if (!byName.has(name)) {
      problems.push({ ...(file !== undefined ? { file } : {}), field: 'selection', message: `unknown step "${name}" in ${workflow.name} (its steps: ${[...byName.keys()].join(', ')})` });
    }
  }
  if (problems.length > 0) throw new ValidationError(problems);
  const chosen = new Set(selection.steps);
  if (selection.mode === 'to') for (const name of ancestorsOf(workflow.steps, selection.steps[0]!, byName)) chosen.add(name);
  if (selection.mode === 'from') for (const name of descendantsOf(workflow.steps, selection.steps[0]!)) chosen.add(name);
  return workflow.steps.filter((step) => chosen.has(step.name)).map((step) => step.name);
}

/**
 * The left-out steps each selected step reads: its dependencies and the steps its `${{ steps.X.outputs… }}` name.
 * Selected step → the left-out steps it needs, for the selected steps that need any.
 */
export function neededInputs(workflow: Workflow, selected: readonly string[]): Map<string, string[]> {
  const chosen = new Set(selected);
  const needed = new Map<string, string[]>();
  for (const step of workflow.steps) {
    if (!chosen.has(step.name)) continue;
    const inputs = inputsOf(step).filter((name) => !chosen.has(name));
    if (inputs.length > 0) needed.set(step.name, inputs);
  }
  return needed;
}

/** A step's inputs: its dependencies, then the steps its parameters read (each once). */
export function inputsOf(step: WorkflowStep): string[] {
  const inputs = new Set(step.dependencies);
  for (const { ref } of collectRefs(step.parameters)) if (ref.kind === 'steps') inputs.add(ref.step);
  return [...inputs];
}

/** Every step downstream of `name`, directly or not. Assumes no cycle. */
export function descendantsOf(steps: readonly WorkflowStep[], name: string): Set<string> {
  const dependents = dependentsOf(steps);
  const found = new Set<string>();
  const stack = [...(dependents.get(name) ?? [])];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (found.has(next)) continue;
    found.add(next);
    stack.push(...(dependents.get(next) ?? []));
  }
  return found;
}

/**
 * One line on what a partial run runs and where the rest comes from, as every door tells the user:
 * `Run this step only "c": 1 of 3 steps run; the outputs of "b" come from run 3f…, which ended at 01:02:03`.
 */
export function describeSelection(selection: RunSelection, stepCount: number, read: readonly string[], sourceEnded: string | null): string {
  const named = selection.steps.map((name) => `"${name}"`).join(', ');
  const head = `${SELECTION_LABELS[selection.mode]} ${named}: ${selection.selected.length} of ${stepCount} steps run, the others are not selected`;
  if (selection.sourceExecutionId === null) return `${head}; nothing is read from an earlier run`;
  const when = sourceEnded === null ? '' : `, which ended ${sourceEnded}`;
  return `${head}; the outputs of ${read.map((name) => `"${name}"`).join(', ')} come from run ${selection.sourceExecutionId}${when}`;
}
