// TaskOrchestrator: turns a validated workflow into a running execution and keeps track of the live ones.
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { ValidationError, type Problem } from '../../../shared/errors.js';
import { SUCCESSFUL_STEP_STATUSES, type RunOrigin, type StepRun, type StepSelection, type Workflow, type WorkflowExecution } from '../../../shared/model.js';
import type { ActionRegistry } from '../actions/registry.js';
import type { EventBus } from '../event-bus.js';
import { logRunRefused } from '../logging/run-log.js';
import { ExecutionRun } from './execution-run.js';
import { planSelection, type SelectionPlan } from './run-selection.js';
import { LocalExecutor, processEnv, type Executor, type SubWorkflowRunner } from './executor.js';
import type { RunningProcesses } from '../processes/running-processes.js';
import { CachingExecutor } from '../cache/caching-executor.js';
import type { StepCache } from '../cache/step-cache.js';
import type { ResourceManager } from '../resources/resource-manager.js';
import type { RunStore } from '../store/run-store.js';
import { ExecutionLogs, type LogFollower } from '../store/step-log.js';
import type { WorkflowManager } from '../workflows/workflow-manager.js';

/** What starts a run, from every door: one shape from the request to the scheduler (OrchestrationEngine.runWorkflow). */
export interface RunOptions {
  params?: Record<string, unknown>;
  origin?: RunOrigin;
  /** The session the run is recorded under: its environment and variables reach the steps. */
  sessionId?: string | null;
  /** The run's project; unset, the registered project holding its file (or its working directory). */
  projectId?: string | null;
  /** The steps' working directory; unset, the file's folder (its project's, for `.codomyrmex/workflows/`), else the process's. */
  cwd?: string;
  /** The file the workflow was loaded from: recorded with the run, read again by a re-run. */
  file?: string | null;
  concurrency?: number;
  /** An earlier record of this workflow: its succeeded steps are kept (marked reused) with their outputs, the rest run again. */
  resumeFrom?: WorkflowExecution;
  /** The run this one re-runs, recorded for history. */
  rerunOf?: string | null;
  /** Sample each step's process tree for CPU time and peak memory (default true); timings are kept either way. */
  performanceMonitoring?: boolean;
  /** Run part of the workflow (only / from / to); the steps left out read their outputs from an earlier run. */
  selection?: StepSelection;
  /** Steps with `cache` neither read nor write it (--no-cache). */
  noCache?: boolean;
  /** These steps run even on a hit, and store their new results (--force). */
  force?: string[];
  /** The run and `workflow.run` step this run is the child run of (a subflow). */
  parent?: { executionId: string; step: string } | null;
  /** Called each time one of the run's steps ends: a subflow's parent step follows its child run's progress by it. */
  onStepEnded?: (execution: WorkflowExecution) => void;
}

/** A run's options once the engine has resolved them: where it works, its project, and its session's environment. */
export type ResolvedRunOptions = RunOptions & {
  cwd: string;
  projectId: string | null;
  /** Environment overrides (the session's), on top of the process's and the workflow's. */
  env: Record<string, string>;
};

export interface ExecutionHandle {
  executionId: string;
  execution: WorkflowExecution;
  done: Promise<WorkflowExecution>;
}

export interface TaskOrchestratorDeps {
  registry: ActionRegistry;
  resources: ResourceManager;
  store: RunStore;
  events: EventBus;
  workflows: WorkflowManager;
  logsRoot: string;
  /** Follows running steps' logs (live pushes, the cap on disk). */
  logTailer?: LogFollower;
  runSubWorkflow: SubWorkflowRunner;
  executor?: Executor;
  /** Where local step processes are tracked while they run (the resource monitor reads it). */
  processes?: RunningProcesses;
  /** The queue's executor while the queue is on (null: every step runs here). */
  remote?: () => Executor | null;
  /** A project's name by id, for workers that place it under their `--workdir`. */
  projectName?: (projectId: string) => string | null;
  /** The step cache, for steps with `cache`; absent: they always run. */
  cache?: StepCache;
}

export class TaskOrchestrator {
  private readonly active = new Map<string, ExecutionRun>();
  /** The earlier record a live run resumes (a re-run from failed): its subflow steps resume their child runs from it. */
  private readonly resumed = new Map<string, WorkflowExecution>();
  private readonly executor: Executor;

  constructor(private readonly deps: TaskOrchestratorDeps) {
    // Local tasks carry the run's whole environment (taken once per run): nothing to add per step.
    const local = deps.executor ?? new LocalExecutor(deps.registry, deps.runSubWorkflow, deps.processes, () => ({}));
    this.executor = deps.cache === undefined ? local : new CachingExecutor(local, deps.cache, deps.registry);
  }

  /** Validates, records and starts a run; resolves `done` when every step has finished. */
  start(workflow: Workflow, options: ResolvedRunOptions): ExecutionHandle {
    const file = options.file ?? undefined;
    this.declareResources(workflow);
    const remote = this.deps.remote?.() ?? null;
    let params: Record<string, unknown>;
    let plan: SelectionPlan | null;
    try {
      this.deps.workflows.assertValid(workflow, file, remote !== null);
      params = resolveRunParams(workflow, options.params ?? {}, file);
      plan = options.selection === undefined ? null : this.planSelection(workflow, options.selection, options);
      assertKnownSteps(workflow, options.force ?? [], file);
    } catch (error) {
      logRunRefused(workflow.name, file ?? null, error);
      throw error;
    }
    const execution = newExecution(workflow, params, options, plan);
    const meter = options.performanceMonitoring === false ? null : (this.deps.processes?.meter ?? null);
    meter?.watch(execution.executionId);
    const stepEnv = { ...workflow.env, ...options.env };
    const projectName = options.projectId == null ? null : (this.deps.projectName?.(options.projectId) ?? null);
    const run = new ExecutionRun({
      execution,
      workflow,
      concurrency: options.concurrency ?? workflow.concurrency ?? availableParallelism(),
      cwd: options.cwd,
      env: { ...processEnv(), ...stepEnv },
      stepEnv,
      ...(projectName !== null ? { projectName } : {}),
      ...(remote !== null ? { remote } : {}),
      params,
      executor: this.executor,
      resources: this.deps.resources,
      recorder: this.deps.store,
      events: this.deps.events,
      logs: new ExecutionLogs(this.deps.logsRoot, execution.executionId, this.deps.logTailer ?? null),
      ...(options.onStepEnded !== undefined ? { onStepEnded: options.onStepEnded } : {}),
      ...(meter !== null ? { costOf: (step: string) => meter.take(execution.executionId, step), sampleIntervalMs: meter.sampleIntervalMs } : {}),
      cache: { off: options.noCache === true, force: new Set(options.force ?? []) },
    });
    this.active.set(execution.executionId, run);
    if (options.resumeFrom !== undefined) this.resumed.set(execution.executionId, options.resumeFrom);
    this.deps.store.executionStarted(execution, workflow);
    const done = run.start().finally(() => {
      this.active.delete(execution.executionId);
      this.resumed.delete(execution.executionId);
      meter?.unwatch(execution.executionId);
      this.deps.store.flush();
      this.evictCache();
    });
    return { executionId: execution.executionId, execution, done };
  }

  /**
   * What a partial run would run, and the run its left-out steps' outputs come from: the latest completed run of this
   * workflow in its project (or of its file, outside any project) that has them all. Refused, naming each selected
   * step and the inputs no earlier run has, before anything runs.
   */
  planSelection(workflow: Workflow, selection: StepSelection, where: Pick<RunOptions, 'projectId' | 'file'>): SelectionPlan {
    const scope = where.projectId != null ? { projectId: where.projectId } : where.file != null ? { workflowFile: where.file } : {};
    const earlier = (offset: number, limit: number): WorkflowExecution[] =>
      this.deps.store.listExecutions({ ...scope, workflowName: workflow.name, status: 'completed', offset, limit });
    return planSelection(workflow, selection, earlier, where.file ?? undefined);
  }

  cancel(executionId: string): boolean {
    const run = this.active.get(executionId);
    if (run === undefined) return false;
    run.cancel();
    return true;
  }

  cancelStep(executionId: string, step: string): boolean {
    return this.active.get(executionId)?.cancelStep(step) ?? false;
  }

  /** Where a step's log is (or will be) on disk. */
  logPathOf(executionId: string, step: string): string {
    return new ExecutionLogs(this.deps.logsRoot, executionId).forStep(step).path;
  }

  /** A run going on in this process: its live record, and the earlier record it resumes (null when it resumes none). */
  liveRun(executionId: string): { execution: WorkflowExecution; resumeFrom: WorkflowExecution | null } | null {
    const run = this.active.get(executionId);
    return run === undefined ? null : { execution: run.execution, resumeFrom: this.resumed.get(executionId) ?? null };
  }

  isActive(executionId: string): boolean {
    return this.active.has(executionId);
  }

  activeExecutionIds(): string[] {
    return [...this.active.keys()];
  }

  async cancelAll(): Promise<void> {
    const runs = [...this.active.values()];
    for (const run of runs) run.cancel();
    await Promise.all(runs.map((run) => run.done));
  }

  /** Keeps the cache within its cap once a run stored in it; a failing disk costs the eviction, never the run. */
  private evictCache(): void {
    try {
      this.deps.cache?.evictIfGrown();
    } catch {
      // Tried again after the next run that stores.
    }
  }

  /** A workflow may declare resources (`gpu: 1`); known ones keep their capacity. */
  private declareResources(workflow: Workflow): void {
    for (const [id, declared] of Object.entries(workflow.resources)) {
      if (this.deps.resources.getResource(id) !== undefined) continue;
      this.deps.resources.registerResource({ id, capacity: declared.capacity, ...(declared.type ? { type: declared.type } : {}), ...(declared.unit ? { unit: declared.unit } : {}) });
    }
  }
}

/** --force names steps of the workflow: a misspelt one is refused before anything runs. */
function assertKnownSteps(workflow: Workflow, names: readonly string[], file?: string): void {
  const known = new Set(workflow.steps.map((step) => step.name));
  const problems: Problem[] = names.filter((name) => !known.has(name)).map((name) => ({
    ...(file !== undefined ? { file } : {}), field: 'force', message: `--force names no step of ${workflow.name}: "${name}" (its steps: ${[...known].join(', ')})`,
  }));
  if (problems.length > 0) throw new ValidationError(problems);
}

/** The run's params: declared defaults, overridden by what was given, typed like their defaults. */
export function resolveRunParams(workflow: Workflow, given: Record<string, unknown>, file?: string): Record<string, unknown> {
  const problems: Problem[] = [];
  const params: Record<string, unknown> = {};
  const at = (field: string, message: string): void => {
    problems.push({ ...(file !== undefined ? { file } : {}), field, message });
  };
  for (const key of Object.keys(given)) {
    if (!Object.hasOwn(workflow.params, key)) {
      const declared = Object.keys(workflow.params);
      at(`params.${key}`, `unknown param "${key}" (declared: ${declared.length > 0 ? declared.join(', ') : 'none'})`);
    }
  }
  for (const [key, declaration] of Object.entries(workflow.params)) {
    if (Object.hasOwn(given, key)) params[key] = coerce(given[key], declaration.default);
    else if (declaration.default !== undefined) params[key] = declaration.default;
    else if (declaration.required !== false) at(`params.${key}`, `param "${key}" is required and has no default`);
  }
  if (problems.length > 0) throw new ValidationError(problems);
  return params;
}

function coerce(value: unknown, like: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (typeof like === 'number' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  if (typeof like === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

function newExecution(workflow: Workflow, params: Record<string, unknown>, options: ResolvedRunOptions, plan: SelectionPlan | null): WorkflowExecution {
  const kept = options.resumeFrom?.steps ?? {};
  const steps: Record<string, StepRun> = {};
  let reused = false;
  for (const step of workflow.steps) {
    const previous = Object.hasOwn(kept, step.name) ? kept[step.name] : undefined;
    const leftOut = plan !== null && Object.hasOwn(plan.leftOut, step.name) ? plan.leftOut[step.name]! : null;
    if (leftOut !== null) {
      steps[step.name] = leftOut;
    } else if (previous !== undefined && SUCCESSFUL_STEP_STATUSES.has(previous.status)) {
      // Marked, not run again: its times, outputs and log are those of the run that ran it (the first, along a chain of re-runs).
      steps[step.name] = { ...previous, reusedFrom: previous.reusedFrom ?? options.resumeFrom!.executionId };
      reused = true;
    } else {
      steps[step.name] = pendingStep();
    }
  }
  return {
    executionId: randomUUID(),
    workflowName: workflow.name,
    workflowFile: options.file ?? null,
    sessionId: options.sessionId ?? null,
    projectId: options.projectId,
    status: 'pending',
    origin: options.origin ?? 'api',
    startTime: Date.now(),
    endTime: null,
    params,
    errors: [],
    steps,
    rerunOf: options.rerunOf ?? null,
    parent: options.parent ?? null,
    // Either way the run did not run every step: left out of durations and success rates.
    partial: reused || plan !== null,
    selection: plan?.selection ?? null,
    outcome: null,
  };
}

function pendingStep(): StepRun {
  return { status: 'pending', attempts: 0, startTime: null, endTime: null, exitCode: null, error: null, outputs: {}, reason: null, logPath: null, logTail: '' };
}
