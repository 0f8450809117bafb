// The seam between the scheduler and where a step runs (DESIGN.md §5a): in this process, or on a worker through the
// queue. Only data crosses it: the task is serialisable, output goes to a log sink, cancelling is an event sent in.
import type { CacheMiss, ChildRunProgress, WorkerRef } from '../../../shared/model.js';
import { ActionFailure, type ActionContext, type ActionResult, type SubWorkflowRequest, type SubWorkflowResult } from '../actions/action.js';
import type { ActionRegistry } from '../actions/registry.js';
import type { RunningProcesses } from '../processes/running-processes.js';
import type { CacheRequest, StepResult } from '../cache/cache-request.js';

/** One attempt of one step, as plain data: what a worker on another machine receives as its job. */
export interface StepTask {
  executionId: string;
  step: string;
  module: string;
  action: string;
  /** Parameters with every template resolved. */
  parameters: Record<string, unknown>;
  attempt: number;
  /** The step's working directory on the engine's machine (a worker uses it when it exists there). */
  cwd: string;
  /** The name a worker's `--workdir` gives the project when `cwd` is not on its machine. */
  project: string;
  /** The step's environment over the executor's base: on a worker, only what the workflow and the session add. */
  env: Record<string, string>;
  /** Resource id → amount, admitted where the step runs. */
  resources: Record<string, number>;
  /** The worker pool it goes to on the queue; absent when it runs in the engine's process. */
  pool?: string;
  /** For a step with `cache` (and no --no-cache): its key is computed where it runs (cache/caching-executor.ts). */
  cache?: CacheRequest;
}

/**
 * Where a step's output goes: a file here (StepLog), a file plus a Redis stream on a worker. Actions write through it
 * and hand a process the file's descriptor or path.
 */
export interface LogSink {
  /** Appends the engine's or an in-process action's own text. */
  write(text: string): void;
  /** The file, opened on first use, for a child process's stdout and stderr. */
  readonly outputFd: number;
  /** Makes sure the file can be opened by name (its folder exists) and returns its path. */
  prepare(): string;
  /** The last few KiB, as text. */
  tail(): string;
}

/** What an executor reports while a step is on its way, before its result. */
export interface StepProgress {
  /** The step waits before it can start, and why (`no worker in pool gpu`). */
  waiting(reason: string): void;
  /** The step started on a worker (set again when another worker takes it over). */
  startedOn(worker: WorkerRef): void;
  /** A cached step's key is known and it will run, and why (a hit is told by the result). */
  keyed?(key: string, miss: CacheMiss): void;
  /** A subflow step's child run moved (n of m steps done, its status). */
  childRun?(child: ChildRunProgress): void;
}

export interface RunningStep {
  /** Resolves with the step's outputs, or rejects with an ActionFailure (or the reason given to `cancel`). */
  done: Promise<StepResult>;
  /** Cancels the attempt: its process tree is ended wherever it runs, then `done` rejects with `reason`. */
  cancel(reason: Error): void;
}

export interface Executor {
  execute(task: StepTask, log: LogSink, progress?: StepProgress): RunningStep;
  /** The run has ended: whatever the executor kept for it can go. */
  runEnded?(executionId: string): void;
}

/** Runs a subflow's child run for a step; `progress` hears of the child as it goes (throttled). */
export type SubWorkflowRunner = (request: SubWorkflowRequest, parent: StepTask, signal: AbortSignal, progress: (child: ChildRunProgress) => void) => Promise<SubWorkflowResult>;

/** Runs actions in this process; shell actions start local processes. A worker runs its jobs through it too. */
export class LocalExecutor implements Executor {
  constructor(
    private readonly registry: ActionRegistry,
    private readonly runWorkflow: SubWorkflowRunner | null,
    private readonly processes?: RunningProcesses,
    /** The environment steps start from (the worker's or the engine's process), under the task's own. */
    private readonly baseEnv: () => Record<string, string> = processEnv,
  ) {}

  execute(task: StepTask, log: LogSink, progress?: StepProgress): RunningStep {
    const abort = new LazySignal();
    return { done: this.run(task, log, abort, progress), cancel: (reason) => abort.abort(reason) };
  }

  private run(task: StepTask, log: LogSink, abort: LazySignal, progress?: StepProgress): Promise<ActionResult> {
    const definition = this.registry.definition(task.module, task.action);
    if (definition === undefined) return Promise.reject(new ActionFailure(`unknown action ${task.module}.${task.action}`));
    // Templates are resolved now, so the parameters are checked again with their real values.
    const parsed = definition.params.safeParse(task.parameters);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((issue) => `parameters.${issue.path.join('.')}: ${issue.message}`).join('; ');
      return Promise.reject(new ActionFailure(`invalid parameters after templating: ${detail}`));
    }
    const runWorkflow = this.runWorkflow;
    const baseEnv = this.baseEnv;
    let env: Record<string, string> | undefined;
    const context: ActionContext = {
      executionId: task.executionId,
      step: task.step,
      attempt: task.attempt,
      cwd: task.cwd,
      // Both made on first use: most in-process actions read neither, and each costs microseconds per step.
      get env() {
        return (env ??= { ...baseEnv(), ...task.env });
      },
      get signal() {
        return abort.signal;
      },
      log: (_stream, text) => log.write(text),
      get outputFd() {
        return log.outputFd;
      },
      get logPath() {
        return log.prepare();
      },
      outputTail: () => log.tail(),
      runWorkflow: (request) => (runWorkflow === null ? Promise.reject(new ActionFailure(`${task.module}.${task.action} cannot start a workflow here`)) : runWorkflow(request, task, abort.signal, (child) => progress?.childRun?.(child))),
      trackProcess: (pid) => this.processes?.track(task.executionId, task.step, pid) ?? (() => {}),
    };
    try {
      return definition.run(parsed.data, context);
    } catch (error) {
      return Promise.reject(error);
    }
  }
}

/** This process's environment, without the unset entries Node types allow. */
export function processEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  return env;
}

/** An AbortSignal made only when an action asks for it; a cancel before that makes it already aborted. */
class LazySignal {
  private controller: AbortController | null = null;
  private reason: Error | null = null;

  get signal(): AbortSignal {
    if (this.controller === null) {
      this.controller = new AbortController();
      if (this.reason !== null) this.controller.abort(this.reason);
    }
    return this.controller.signal;
  }

  abort(reason: Error): void {
    if (this.controller !== null) this.controller.abort(reason);
    else this.reason ??= reason;
  }
}
