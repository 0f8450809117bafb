// What an action is: a parameter schema, declared outputs and a run function. A module is one file of these.
import type { z } from 'zod';
import { TaskError } from '../../../shared/errors.js';

export type LogStream = 'stdout' | 'stderr';

export interface SubWorkflowRequest {
  /** A workflow file, resolved against the step's working directory. */
  file?: string;
  /** A workflow known to the WorkflowManager. */
  name?: string;
  params: Record<string, unknown>;
}

export interface SubWorkflowResult {
  executionId: string;
  status: string;
  outputs: Record<string, Record<string, unknown>>;
}

export interface ActionContext {
  executionId: string;
  step: string;
  /** 1 for the first attempt. */
  attempt: number;
  /** The step's working directory: its project's folder, or the workflow file's. */
  cwd: string;
  /** The environment the step sees: the process's, the session's, the workflow's. */
  env: Record<string, string>;
  /** Aborted on cancel and timeout; actions stop and release what they hold. */
  signal: AbortSignal;
  /** Appends to the step's log (the same file a process's output goes to). */
  log(stream: LogStream, text: string): void;
  /** The step's log file, opened on first use, for a child process's stdout and stderr. */
  readonly outputFd: number;
  /** The path of the step's log file (its folder exists once this is read). */
  readonly logPath: string;
  /** The last few KiB of the step's log, as text. */
  outputTail(): string;
  /** Runs another workflow as a child of this run (workflow.run). */
  runWorkflow(request: SubWorkflowRequest): Promise<SubWorkflowResult>;
  /** Tells the engine a process of this step started (the resource monitor measures it); returns "it ended". */
  trackProcess?(pid: () => Promise<number | null>): () => void;
}

export interface ActionResult {
  outputs: Record<string, unknown>;
  exitCode?: number | null;
}

export interface ActionDefinition<Schema extends z.ZodType = z.ZodType> {
  module: string;
  action: string;
  description: string;
  /** A short glyph name for the editor's palette. */
  icon: string;
  params: Schema;
  /** Outputs every successful run sets. */
  outputs: readonly string[];
  /** True when a run may set outputs beyond `outputs`. */
  openOutputs?: boolean;
  /** Part of a cached step's key: a new version reruns its cached steps. Absent: our package's version (built-ins). */
  version?: string;
  run(params: z.output<Schema>, context: ActionContext): Promise<ActionResult>;
}

/**
 * An action of a module file. Its `params` may be given as a function making the schema: built on first use of the
 * action, not at the engine's start (a command that runs one shell step builds one schema, not every module's).
 */
export function defineAction<Schema extends z.ZodType>(definition: Omit<ActionDefinition<Schema>, 'params'> & { params: Schema | (() => Schema) }): ActionDefinition {
  const { params } = definition;
  if (typeof params !== 'function') return definition as unknown as ActionDefinition;
  let schema: Schema | undefined;
  return Object.defineProperty({ ...definition }, 'params', { get: () => (schema ??= params()), enumerable: true }) as unknown as ActionDefinition;
}

/** A step that ran and failed: carries its exit code and whatever outputs it produced. */
export class ActionFailure extends TaskError {
  override name = 'ActionFailure';
  override readonly code: string = 'action-failed';
  constructor(
    message: string,
    readonly exitCode: number | null = null,
    readonly outputs: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/**
 * A step stopped because what it waited on was cancelled elsewhere (a subflow whose child run was cancelled on its
 * own): the step ends `cancelled`, not failed, and is not retried.
 */
export class ActionCancelled extends TaskError {
  override name = 'ActionCancelled';
  override readonly code: string = 'action-cancelled';
  constructor(
    message: string,
    readonly outputs: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
