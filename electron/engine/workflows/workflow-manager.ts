// WorkflowManager: the workflows this engine knows (created in code or loaded from files), their validation and files.
import { existsSync, rmSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { NotFoundError, OrchestrationError, ValidationError, WorkflowError, type Problem } from '../../../shared/errors.js';
import type { Workflow, WorkflowExecution, WorkflowStep } from '../../../shared/model.js';
import { validateWorkflow as validate } from '../../../shared/validate.js';
import { queuePoolOf } from '../../../shared/workers.js';
import { parseWorkflow } from '../../../shared/workflow-schema.js';
import type { ActionRegistry } from '../actions/registry.js';
import type { ResourceManager } from '../resources/resource-manager.js';
import type { ExecutionHandle, RunOptions } from '../runs/task-orchestrator.js';
import type { HistoryQuery, RunStore } from '../store/run-store.js';
import { workflowFiles, workingDirFor } from './find-workflows.js';
import { subflowOutputProblems } from './subflow-outputs.js';
import { subflowRecursion } from './subflow-recursion.js';
import type { SubflowTarget } from './subflow-target.js';
import { loadWorkflowFile, saveWorkflowFile, type LoadedWorkflow } from './workflow-file.js';
import { makeFolders } from '../make-folders.js';

/**
 * A step as callers write it: name, module and action, the rest defaulted. The upstream's fields read as aliases
 * (shared/workflow-schema.ts): `max_retries` is `retry`'s count, `retry_count` is ignored, `timeout: null` is none.
 */
export type StepInput = Pick<WorkflowStep, 'name' | 'module' | 'action'>
  & Partial<Omit<WorkflowStep, 'name' | 'module' | 'action' | 'timeout'>>
  & { timeout?: number | null; max_retries?: number | null; retry_count?: number | null };

export interface CreateWorkflowOptions {
  description?: string;
  concurrency?: number;
  env?: Record<string, string>;
  params?: Workflow['params'];
  resources?: Workflow['resources'];
  /** Folder to save `<name>.yaml` in; defaults to the manager's workflows folder. `false` keeps it in memory. */
  saveTo?: string | false;
}

/** What a manager works with: the engine's actions, resources, records, and the one way it starts a run. */
export interface WorkflowManagerDeps {
  registry: ActionRegistry;
  resources: ResourceManager;
  store: RunStore;
  workflowsDir: string;
  /** Starts a run as the engine does (its project, session checks, the scheduler). */
  start(workflow: Workflow, options: RunOptions): ExecutionHandle;
  cancel(executionId: string): boolean;
}

/** `new WorkflowManager({ enablePerformanceMonitoring })`, as the upstream builds one: served by the process's engine. */
export interface WorkflowManagerOptions {
  /** Sample each step's process tree for CPU time and peak memory (default true); timings are kept either way. */
  enablePerformanceMonitoring?: boolean;
  /** Where createWorkflow saves `<name>.yaml`; defaults to the engine's workflows folder under $CODOMYRMEX_HOME. */
  workflowsDir?: string;
}

export interface ExecuteWorkflowOptions {
  /** The steps' working directory; defaults to the workflow file's project or folder, else the current directory. */
  cwd?: string;
  /** Seconds the whole run may take; past it the run is cancelled (the upstream's `timeout`). */
  timeout?: number;
  sessionId?: string;
  /** The run this one retries, recorded for history. */
  rerunOf?: string;
}

interface Entry {
  workflow: Workflow;
  file: string | null;
  loaded: LoadedWorkflow | null;
}

let sharedDeps: (() => WorkflowManagerDeps) | null = null;

/** Lets a standalone manager reach the process's engine; the engine module calls it (it imports this one, not back). */
export function serveStandaloneManagers(deps: () => WorkflowManagerDeps): void {
  sharedDeps = deps;
}

export class WorkflowManager {
  private readonly workflows = new Map<string, Entry>();
  private readonly deps: WorkflowManagerDeps;
  readonly workflowsDir: string;
  readonly enablePerformanceMonitoring: boolean;
  /** Why the last createWorkflow returned false (null after one that succeeded), as the error it would have thrown. */
  lastError: OrchestrationError | null = null;

  constructor(depsOrOptions: WorkflowManagerDeps | WorkflowManagerOptions = {}) {
    if ('registry' in depsOrOptions) {
      this.deps = depsOrOptions;
      this.enablePerformanceMonitoring = true;
    } else {
      if (sharedDeps === null) throw new OrchestrationError('a standalone WorkflowManager needs the engine: import it from the package, not from its file');
      this.deps = sharedDeps();
      this.enablePerformanceMonitoring = depsOrOptions.enablePerformanceMonitoring ?? true;
    }
    this.workflowsDir = ('workflowsDir' in depsOrOptions ? depsOrOptions.workflowsDir : undefined) ?? this.deps.workflowsDir;
  }

  private get registry(): ActionRegistry {
    return this.deps.registry;
  }

  private get resources(): ResourceManager {
    return this.deps.resources;
  }

  private get store(): RunStore {
    return this.deps.store;
  }

  /**
   * The guide's call: creates (and by default saves) a workflow and returns true, or returns false with the reason on
   * `lastError` — a ValidationError naming each step and field, or the error saving it. `defineWorkflow` throws instead.
   */
  createWorkflow(name: string, steps: StepInput[], options: CreateWorkflowOptions = {}): boolean {
    try {
      this.defineWorkflow(name, steps, options);
      this.lastError = null;
      return true;
    } catch (error) {
      this.lastError = error instanceof OrchestrationError ? error : new WorkflowError(`cannot create workflow "${name}": ${(error as Error).message}`);
      return false;
    }
  }

  /** Creates (and by default saves) a workflow and returns it; throws a ValidationError naming each step and field. */
  defineWorkflow(name: string, steps: StepInput[], options: CreateWorkflowOptions = {}): Workflow {
    const raw = {
      version: 1,
      name,
      description: options.description ?? '',
      ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
      env: options.env ?? {},
      params: options.params ?? {},
      resources: options.resources ?? {},
      steps,
    };
    const workflow = parseWorkflow(raw);
    this.assertValid(workflow);
    const dir = options.saveTo ?? this.workflowsDir;
    if (dir === false) {
      this.workflows.set(name, { workflow, file: null, loaded: null });
    } else {
      makeFolders(dir);
      const file = join(dir, `${name}.yaml`);
      const previous = this.workflows.get(name)?.loaded ?? (existsSync(file) ? safeLoad(file) : null);
      const loaded = saveWorkflowFile(file, workflow, previous);
      this.workflows.set(name, { workflow, file, loaded });
    }
    return workflow;
  }

  /** Loads a workflow file and registers it under its name; throws a ValidationError naming file, step and field. */
  loadWorkflowFile(file: string): Workflow {
    const loaded = loadWorkflowFile(resolve(file));
    this.workflows.set(loaded.workflow.name, { workflow: loaded.workflow, file: loaded.file, loaded });
    return loaded.workflow;
  }

  /** Loads every workflow file in a folder; returns the problems of those that could not be read. */
  loadDirectory(dir: string): { loaded: Workflow[]; problems: Problem[] } {
    const loaded: Workflow[] = [];
    const problems: Problem[] = [];
    if (!existsSync(dir)) return { loaded, problems };
    for (const entry of workflowFiles(dir)) {
      try {
        loaded.push(this.loadWorkflowFile(join(dir, entry)));
      } catch (error) {
        if (error instanceof ValidationError) problems.push(...error.problems);
        else throw error;
      }
    }
    return { loaded, problems };
  }

  saveWorkflow(name: string, file?: string): string {
    const entry = this.require(name);
    const target = file ?? entry.file ?? join(this.workflowsDir, `${name}.yaml`);
    const loaded = saveWorkflowFile(target, entry.workflow, entry.loaded);
    this.workflows.set(name, { workflow: entry.workflow, file: target, loaded });
    return target;
  }

  getWorkflow(name: string): Workflow | undefined {
    return this.workflows.get(name)?.workflow;
  }

  getWorkflowFile(name: string): string | null {
    return this.workflows.get(name)?.file ?? null;
  }

  listWorkflows(): { name: string; description: string; steps: number; file: string | null }[] {
    return [...this.workflows.values()].map(({ workflow, file }) => ({
      name: workflow.name,
      description: workflow.description,
      steps: workflow.steps.length,
      file,
    }));
  }

  /** Forgets a workflow; its file is removed only when asked. */
  deleteWorkflow(name: string, options: { deleteFile?: boolean } = {}): boolean {
    const entry = this.workflows.get(name);
    if (entry === undefined) return false;
    this.workflows.delete(name);
    if (options.deleteFile && entry.file !== null) rmSync(entry.file, { force: true });
    return true;
  }

  /** Every problem with a workflow, as the validator sees it before a run; empty when it may run. */
  validateWorkflow(workflow: Workflow | string, file?: string, onWorkers = false): Problem[] {
    const target = typeof workflow === 'string' ? this.require(workflow).workflow : workflow;
    const capacities = new Map(this.resources.listResources().map((r) => [r.id, { capacity: r.capacity, unit: r.unit }]));
    // With the queue on, a step for a pool takes its resources from its worker (`--resources gpu=1`), which refuses what it lacks.
    const onWorker = onWorkers ? (step: Workflow['steps'][number]) => queuePoolOf(step, target) !== null : undefined;
    const problems = validate(target, { catalog: this.registry, resourceCapacities: capacities, env: process.env, ...(file !== undefined ? { file } : {}), ...(onWorker ? { onWorker } : {}) });
    // A run works in its file's folder (its project's, for `.codomyrmex/workflows/`): where its subflows' files resolve.
    const path = file !== undefined && isAbsolute(file) ? file : null;
    const cwd = path === null ? null : workingDirFor(path);
    const known = (name: string): SubflowTarget | undefined => this.known(name);
    return [...problems, ...subflowRecursion(target, path, cwd, known), ...subflowOutputProblems(target, path, cwd, known, this.registry)];
  }

  /** A workflow this manager holds, with its file (what `workflow.run` finds by name outside a project's folder). */
  known(name: string): SubflowTarget | undefined {
    const entry = this.workflows.get(name);
    return entry === undefined ? undefined : { workflow: entry.workflow, file: entry.file };
  }

  /** `onWorkers`: the queue is on, so steps of a pool are checked against no resource of this machine. */
  assertValid(workflow: Workflow, file?: string, onWorkers = false): void {
    const problems = this.validateWorkflow(workflow, file, onWorkers);
    if (problems.length > 0) throw new ValidationError(problems);
  }

  /**
   * Runs a workflow this manager knows, by name, and resolves with the finished execution (its `results` and
   * `performanceMetrics` included). Unlike the upstream, independent steps run at once and step retries are honoured.
   * Throws a WorkflowError for an unknown workflow, a ValidationError for one that cannot run; a step that fails ends
   * the execution `failed` (its `errors` say why) rather than throwing, as in the guide.
   */
  async executeWorkflow(name: string, params: Record<string, unknown> = {}, options: ExecuteWorkflowOptions = {}): Promise<WorkflowExecution> {
    const entry = this.require(name);
    const handle = this.deps.start(entry.workflow, {
      params,
      origin: 'api',
      ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
      file: entry.file,
      performanceMonitoring: this.enablePerformanceMonitoring,
      ...(options.sessionId !== undefined ? { sessionId: options.sessionId } : {}),
      ...(options.rerunOf !== undefined ? { rerunOf: options.rerunOf } : {}),
    });
    if (options.timeout === undefined) return handle.done;
    const timer = setTimeout(() => this.deps.cancel(handle.executionId), options.timeout * 1000);
    try {
      return await handle.done;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * The guide's error recovery: up to `maxRetries` runs in all, waiting 2^n seconds after the n-th (0-based) failure
   * — 1 s, 2 s, 4 s … — as its `asyncio.sleep(2 ** attempt)`. A run that ends `failed` or `interrupted`, or a
   * WorkflowError, is tried again; a cancelled run, a ValidationError (an invalid workflow stays invalid) are not.
   * Resolves with the last execution; rethrows the last WorkflowError. Each retry records the run it retries.
   */
  async executeWorkflowWithRetry(name: string, maxRetries = 3, params: Record<string, unknown> = {}, options: ExecuteWorkflowOptions = {}): Promise<WorkflowExecution> {
    if (!Number.isInteger(maxRetries) || maxRetries < 1) throw new WorkflowError(`maxRetries must be a whole number of runs, at least 1 (got ${maxRetries})`);
    let previous: string | undefined;
    for (let attempt = 0; ; attempt++) {
      const last = attempt === maxRetries - 1;
      try {
        const execution = await this.executeWorkflow(name, params, { ...options, ...(previous !== undefined ? { rerunOf: previous } : {}) });
        if (last || (execution.status !== 'failed' && execution.status !== 'interrupted')) return execution;
        previous = execution.executionId;
      } catch (error) {
        if (last || !(error instanceof WorkflowError)) throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 1000));
    }
  }

  getExecution(executionId: string) {
    return this.store.getExecution(executionId);
  }

  listExecutions(query?: HistoryQuery) {
    return this.store.listExecutions(query);
  }

  private require(name: string): Entry {
    const entry = this.workflows.get(name);
    if (entry === undefined) {
      const known = [...this.workflows.keys()];
      throw new NotFoundError('workflow', `unknown workflow "${name}"${known.length > 0 ? ` (known: ${known.join(', ')})` : ''}`);
    }
    return entry;
  }
}

function safeLoad(file: string): LoadedWorkflow | null {
  try {
    return loadWorkflowFile(file);
  } catch {
    return null;
  }
}
