// The question "New workflow…" and "Save as…" ask: a name checked inside the dialog against the engine's own name rule
// and the names the target project already has, with that project named so the user sees where the file goes.
import { workflowNameProblem } from '../../shared/workflow-name.js';
import type { PromptQuestion } from '../ui/dialogs.js';

export interface WorkflowNameRequest {
  title: string;
  submitLabel: string;
  /** The project the workflow is saved into, by its name as the user knows it. */
  projectName: string;
  /** The project's workflows now. */
  taken: readonly string[];
  initial?: string;
}

export function workflowNameQuestion({ title, submitLabel, projectName, taken, initial = '' }: WorkflowNameRequest): PromptQuestion {
  // Compared without case: on macOS and Windows "Build" and "build" are one file.
  const names = new Map(taken.map((name) => [name.toLowerCase(), name]));
  return {
    title,
    label: 'Workflow name',
    initial,
    submitLabel,
    hint: `In project "${projectName}", as .codomyrmex/workflows/<name>.yaml`,
    validate: (value) => {
      const name = value.trim();
      const problem = workflowNameProblem(name);
      if (problem !== null) return problem;
      const existing = names.get(name.toLowerCase());
      return existing === undefined ? null : `"${projectName}" already has a workflow named "${existing}": choose another name.`;
    },
  };
}
