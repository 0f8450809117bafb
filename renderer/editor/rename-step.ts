// Renaming steps everywhere they are named: dependencies and `${{ steps.<name>.… }}` references in any parameter.
import { mapStrings } from '../../shared/map-strings.js';
import type { Workflow, WorkflowStep } from '../../shared/model.js';
import { renameInGroups } from './group-edits.js';

const STEP_REF = /(\$\{\{\s*steps\.)([A-Za-z0-9_-]+)(\.)/g;

/** Rewrites the step names inside every `${{ steps.<name>.… }}` of a value; the same object back if nothing changed. */
export function rewriteRefs<T>(value: T, renames: ReadonlyMap<string, string>): T {
  return mapStrings(value, (text) => {
    if (!text.includes('${{')) return text;
    return text.replace(STEP_REF, (match, open: string, name: string, dot: string) => {
      const renamed = renames.get(name);
      return renamed === undefined ? match : `${open}${renamed}${dot}`;
    });
  });
}

/** The step with its dependencies and references renamed; the same object when none of them changed. */
export function renameInStep(step: WorkflowStep, renames: ReadonlyMap<string, string>): WorkflowStep {
  const name = renames.get(step.name) ?? step.name;
  const dependencies = step.dependencies.some((dep) => renames.has(dep)) ? step.dependencies.map((dep) => renames.get(dep) ?? dep) : step.dependencies;
  const parameters = rewriteRefs(step.parameters, renames);
  if (name === step.name && dependencies === step.dependencies && parameters === step.parameters) return step;
  return { ...step, name, dependencies, parameters };
}

/** Renames one step and every dependency and reference pointing at it, across the workflow. */
export function renameStep(workflow: Workflow, from: string, to: string): Workflow {
  if (from === to) return workflow;
  const renames = new Map([[from, to]]);
  // Groups first: read against the old names, a group's member `from` is still a step of the workflow.
  const regrouped = renameInGroups(workflow, from, to);
  return { ...regrouped, steps: workflow.steps.map((step) => renameInStep(step, renames)) };
}
