// The seam between the scheduler and where a step runs (DESIGN.md §5a): today in this process, later on workers.
import { ActionFailure, type ActionContext, type ActionResult, type SubWorkflowRequest, type SubWorkflowResult } from '../actions/action.js';
import type { ActionRegistry } from '../actions/registry.js';
import type { RunningProcesses } from '../processes/running-processes.js';
import type { StepLog } from '../store/step-log.js';

export interface StepTask {
  executionId: string;
  step: string;
  module: string;
  action: string;
  /** Parameters with every template resolved. */
  parameters: Record<string, unknown>;
  attempt: number;
  cwd: string;
  env: Record<string, string>;
  signal: AbortSignal;
  log: StepLog;
}

export interface Executor {
  /** Resolves with the step's outputs, or rejects with an ActionFailure (or the abort reason). */
  execute(task: StepTask): Promise<ActionResult>;
}

/** Runs actions in this process; shell actions start local processes. */
export class LocalExecutor implements Executor {
  constructor(
    private readonly registry: ActionRegistry,
    private readonly runWorkflow: (request: SubWorkflowRequest, parent: StepTask) => Promise<SubWorkflowResult>,
    private readonly processes?: RunningProcesses,
  ) {}

  execute(task: StepTask): Promise<ActionResult> {
    const definition = this.registry.definition(task.module, task.action);
    if (definition === undefined) return Promise.reject(new ActionFailure(`unknown action ${task.module}.${task.action}`));
    // Templates are resolved now, so the parameters are checked again with their real values.
    const parsed = definition.params.safeParse(task.parameters);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((issue) => `parameters.${issue.path.join('.')}: ${issue.message}`).join('; ');
      return Promise.reject(new ActionFailure(`invalid parameters after templating: ${detail}`));
    }
    const log = task.log;
    const context: ActionContext = {
      executionId: task.executionId,
      step: task.step,
      attempt: task.attempt,
      cwd: task.cwd,
      env: task.env,
      signal: task.signal,
      log: (_stream, text) => log.write(text),
      get outputFd() {
        return log.outputFd;
      },
      get logPath() {
        return log.prepare();
      },
      outputTail: () => log.tail(),
      runWorkflow: (request) => this.runWorkflow(request, task),
      trackProcess: (pid) => this.processes?.track(task.executionId, task.step, pid) ?? (() => {}),
    };
    try {
      return definition.run(parsed.data, context);
    } catch (error) {
      return Promise.reject(error);
    }
  }
}
