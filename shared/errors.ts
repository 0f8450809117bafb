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

/**
 * Every error of ours carries a stable `code` (documented in README "Error codes") and the moment it arose, as the
 * upstream guide's OrchestrationError does: callers branch on the code, never on the message.
 */
export class OrchestrationError extends Error {
  override name = 'OrchestrationError';
  readonly code: string = 'orchestration-error';
  readonly timestamp = new Date();
}

export class WorkflowError extends OrchestrationError {
  override name = 'WorkflowError';
  override readonly code: string = 'workflow-error';
}

export class TaskError extends OrchestrationError {
  override name = 'TaskError';
  override readonly code: string = 'task-error';
}

export class ResourceError extends OrchestrationError {
  override name = 'ResourceError';
  override readonly code: string = 'resource-error';
}

/** What a request names does not exist; the contract answers `not-found`, the CLI exits 2 (nothing ran). */
export class NotFoundError extends OrchestrationError {
  override name = 'NotFoundError';
  override readonly code: string = 'not-found';

  /** What kind of thing was looked for, so a door can say it without reading the message. */
  constructor(readonly what: 'project' | 'workflow' | 'run' | 'step' | 'session' | 'resource' | 'template', message: string) {
    super(message);
  }
}

/**
 * The data folder's files cannot be read or written: a full disk, a read-only or failing device. `path` is the file,
 * `reason` the fault in plain words ("the disk is full: 0 bytes free …"); `cause` keeps what the storage threw.
 */
export class StorageError extends OrchestrationError {
  override name = 'StorageError';
  override readonly code: string = 'storage-error';

  constructor(readonly path: string, readonly reason: string, options?: { cause?: unknown }) {
    super(`cannot use the run database ${path}: ${reason}`, options);
  }
}

/** Refused because the thing changed since the caller read it (a file saved elsewhere); the contract answers `conflict`. */
export class ConflictError extends OrchestrationError {
  override name = 'ConflictError';
  override readonly code: string = 'conflict';
}

/** Refused until the caller confirms it means it (adding a whole file system root or home folder as a project). */
export class ConfirmationNeededError extends OrchestrationError {
  override name = 'ConfirmationNeededError';
  override readonly code: string = 'confirmation-needed';
}

/** The code of any thrown value: ours carry one; anything else is `internal` (a bug, not a refusal). */
export function errorCode(error: unknown): string {
  return error instanceof OrchestrationError ? error.code : 'internal';
}

export class ValidationError extends OrchestrationError {
  override name = 'ValidationError';
  override readonly code: string = 'validation-error';
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
