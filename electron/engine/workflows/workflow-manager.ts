// WorkflowManager: the workflows this engine knows (created in code or loaded from files), their validation and files.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { NotFoundError, ValidationError, type Problem } from '../../../shared/errors.js';
import type { Workflow, WorkflowStep } from '../../../shared/model.js';
import { validateWorkflow as validate } from '../../../shared/validate.js';
import { queuePoolOf } from '../../../shared/workers.js';
import { parseWorkflow } from '../../../shared/workflow-schema.js';
import type { ActionRegistry } from '../actions/registry.js';
import type { ResourceManager } from '../resources/resource-manager.js';
import type { HistoryQuery, RunStore } from '../store/run-store.js';
import { workflowFiles } from './find-workflows.js';
import { loadWorkflowFile, saveWorkflowFile, type LoadedWorkflow } from './workflow-file.js';

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

interface Entry {
  workflow: Workflow;
  file: string | null;
  loaded: LoadedWorkflow | null;
}

export class WorkflowManager {
  private readonly workflows = new Map<string, Entry>();

  constructor(
    private readonly registry: ActionRegistry,
    private readonly resources: ResourceManager,
    private readonly store: RunStore,
    readonly workflowsDir: string,
  ) {}

  createWorkflow(name: string, steps: StepInput[], options: CreateWorkflowOptions = {}): Workflow {
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
      mkdirSync(dir, { recursive: true });
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
    return validate(target, { catalog: this.registry, resourceCapacities: capacities, env: process.env, ...(file !== undefined ? { file } : {}), ...(onWorker ? { onWorker } : {}) });
  }

  /** `onWorkers`: the queue is on, so steps of a pool are checked against no resource of this machine. */
  assertValid(workflow: Workflow, file?: string, onWorkers = false): void {
    const problems = this.validateWorkflow(workflow, file, onWorkers);
    if (problems.length > 0) throw new ValidationError(problems);
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
