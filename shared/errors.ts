// Typed errors that speak to the user: one line naming what is wrong and where.

export interface Problem {
  /** The workflow file, when the workflow came from one. */
  file?: string;
  /** The step's name, when the problem is inside a step. */
  step?: string;
  /** The field's path inside the step or workflow, e.g. `parameters.command`. */
  field?: string;
  message: string;
}

export class OrchestrationError extends Error {
  override name = 'OrchestrationError';
}

export class WorkflowError extends OrchestrationError {
  override name = 'WorkflowError';
}

export class TaskError extends OrchestrationError {
  override name = 'TaskError';
}

export class ResourceError extends OrchestrationError {
  override name = 'ResourceError';
}

/** Refused until the caller confirms it means it (adding a whole file system root or home folder as a project). */
export class ConfirmationNeededError extends OrchestrationError {
  override name = 'ConfirmationNeededError';
}

export class ValidationError extends OrchestrationError {
  override name = 'ValidationError';
  readonly problems: Problem[];

  constructor(problems: Problem[]) {
    super(problems.length === 1 ? formatProblem(problems[0]!) : `${problems.length} problems:\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
    this.problems = problems;
  }
}

/** `file: step "build", field parameters.command: is required` */
export function formatProblem(problem: Problem): string {
  const where: string[] = [];
  if (problem.step !== undefined) where.push(`step "${problem.step}"`);
  if (problem.field !== undefined) where.push(`field ${problem.field}`);
  const location = [problem.file, where.join(', ')].filter((part) => part !== undefined && part !== '').join(': ');
  return location === '' ? problem.message : `${location}: ${problem.message}`;
}
