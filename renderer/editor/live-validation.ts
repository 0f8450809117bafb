// The editor's live validation: the engine's own validator, with the catalogue and context the engine would use.
import type { Problem } from '../../shared/errors.js';
import type { EditorContext } from '../../shared/ipc.js';
import type { Workflow } from '../../shared/model.js';
import { validateWorkflow, type ActionCatalog, type ValidationContext } from '../../shared/validate.js';

export function validationContext(catalog: ActionCatalog, context: EditorContext): ValidationContext {
  return {
    catalog,
    resourceCapacities: new Map(Object.entries(context.resources)),
    // The validator only asks whether a variable is set; the editor is told names, never values.
    env: Object.fromEntries(context.env.map((name) => [name, ''])),
  };
}

export interface ValidationResult {
  problems: Problem[];
  /** Each invalid step's problems as one line per problem, for its badge's title. */
  byStep: Map<string, string>;
}

export function validateForEditor(workflow: Workflow, context: ValidationContext): ValidationResult {
  const problems = validateWorkflow(workflow, context);
  const byStep = new Map<string, string>();
  for (const problem of problems) {
    if (problem.step === undefined) continue;
    const line = problem.field === undefined ? problem.message : `${problem.field}: ${problem.message}`;
    const previous = byStep.get(problem.step);
    byStep.set(problem.step, previous === undefined ? line : `${previous}\n${line}`);
  }
  return { problems, byStep };
}
