// What a door asks of runs beyond reading them: start one (in a session, if named), re-run one from its start or from
// its failed steps (also how an interrupted run is resumed), and cancel one step. A run always works in its own
// project's folder; a session only lends its environment, and only to runs of its own project (see session-scope.ts).
import { existsSync } from 'node:fs';
import { NotFoundError, OrchestrationError, ValidationError, WorkflowError } from '../../../shared/errors.js';
import type { RequestOf, SelectionPreview } from '../../../shared/ipc.js';
import { SUCCESSFUL_STEP_STATUSES, type Project, type RunOrigin, type Workflow, type WorkflowExecution } from '../../../shared/model.js';
import { sessionAppliesTo } from '../../../shared/session-scope.js';
import { workingDirFor, type OrchestrationEngine } from '../orchestration-engine.js';
import type { ExecutionHandle } from './task-orchestrator.js';
import { loadWorkflowFile, type LoadedWorkflow } from '../workflows/workflow-file.js';

export class RunControl {
  constructor(
    private readonly engine: OrchestrationEngine,
    private readonly origin: RunOrigin,
    /** A project's workflow by name, loaded (the editor's lookup, so a run finds what the editor shows). */
    private readonly loadWorkflow: (project: Project, name: string) => LoadedWorkflow,
  ) {}

  start(request: RequestOf<'runs.start'>): { executionId: string } {
    const project = this.engine.projectManager.requireProject(request.projectId);
    // Loaded once here and handed on: the run records the file and never reads it again to start.
    const { workflow, file } = this.loadWorkflow(project, request.workflowName);
    // The engine refuses a session of another project (runWorkflow): the renderer never sends one.
    const handle = this.engine.runWorkflow(workflow, {
      params: request.params ?? {},
      origin: this.origin,
      projectId: project.id,
      sessionId: request.sessionId ?? null,
      cwd: project.path,
      file,
      ...(request.selection !== undefined ? { selection: request.selection } : {}),
      ...(request.noCache === true ? { noCache: true } : {}),
      ...(request.force !== undefined ? { force: request.force } : {}),
    });
    return { executionId: handle.executionId };
  }

  /** What a partial run of a project's workflow would run and read, or why it is refused; nothing runs. */
  previewSelection(request: RequestOf<'runs.planSelection'>): SelectionPreview {
    const project = this.engine.projectManager.requireProject(request.projectId);
    try {
      const { workflow, file } = this.loadWorkflow(project, request.workflowName);
      this.engine.workflowManager.assertValid(workflow, file);
      const plan = this.engine.taskOrchestrator.planSelection(workflow, request.selection, { projectId: project.id, file });
      const read = Object.entries(plan.leftOut).filter(([, run]) => run.reusedFrom != null).map(([name]) => name);
      return { selection: plan.selection, read, sourceEndTime: plan.source?.endTime ?? null, problems: [] };
    } catch (error) {
      if (error instanceof ValidationError) return { selection: null, read: [], sourceEndTime: null, problems: error.problems };
      throw error;
    }
  }

  /**
   * A new run of a finished one, with its params and in its session. It runs the workflow file as it is now (a fix
   * made since is what a re-run is for), or the snapshot taken when the run started if the file is gone.
   * `failed` keeps the succeeded steps with their outputs and logs, and runs the others. It runs in the run's project
   * (or, for a run recorded under none, the project now holding its file); its session comes along only if it is of
   * that project — a run recorded before sessions were kept to their project is re-run without it, never in its folder.
   */
  rerun(executionId: string, from: 'start' | 'failed'): { executionId: string } {
    return { executionId: this.startRerun(executionId, from).executionId };
  }

  /** As `rerun`, with the new run's handle (the CLI follows it live). */
  startRerun(executionId: string, from: 'start' | 'failed'): ExecutionHandle {
    const record = this.engine.getExecution(executionId);
    if (record === null) throw new NotFoundError('run', `unknown run "${executionId}"`);
    if (record.status === 'pending' || record.status === 'running') {
      throw new OrchestrationError(`run "${executionId}" of ${record.workflowName} is still running: cancel it or wait for its end before re-running it`);
    }
    if (from === 'failed' && Object.values(record.steps).every((step) => SUCCESSFUL_STEP_STATUSES.has(step.status) || step.status === 'not-selected')) {
      throw new OrchestrationError(`run "${executionId}" of ${record.workflowName} has no failed step to re-run (re-run it from the start)`);
    }
    const workflow = this.workflowOf(record);
    const project = record.projectId === null ? null : this.engine.projectManager.getProject(record.projectId);
    const recorded = record.sessionId === null ? null : this.engine.getSession(record.sessionId);
    return this.engine.runWorkflow(workflow, {
      params: declaredParams(workflow, record.params),
      origin: this.origin,
      sessionId: recorded !== null && !sessionAppliesTo(recorded, record.projectId) ? null : record.sessionId,
      // Unset lets the engine find the project holding the file (one registered since the run, say).
      ...(record.projectId !== null ? { projectId: record.projectId } : {}),
      cwd: project?.path ?? (record.workflowFile !== null ? workingDirFor(record.workflowFile) : process.cwd()),
      file: record.workflowFile,
      rerunOf: record.executionId,
      ...(from === 'failed' ? { resumeFrom: record } : {}),
      // A partial run re-runs the same part; what its left-out steps read is looked up again (the latest success).
      ...(record.selection != null ? { selection: { mode: record.selection.mode, steps: record.selection.steps } } : {}),
    });
  }

  /** Cancels one step of a running run: false when the run or the step has already finished (or the run is unknown). */
  cancelStep(executionId: string, step: string): boolean {
    if (this.engine.taskOrchestrator.isActive(executionId)) {
      const record = this.engine.getExecution(executionId);
      if (record !== null && !Object.hasOwn(record.steps, step)) throw new NotFoundError('step', `unknown step "${step}" in run "${executionId}" of ${record.workflowName}`);
      return this.engine.taskOrchestrator.cancelStep(executionId, step);
    }
    // As runs.cancel: a run that is not running (over, or never known) has nothing to cancel.
    return false;
  }

  private workflowOf(record: WorkflowExecution): Workflow {
    if (record.workflowFile !== null && existsSync(record.workflowFile)) return loadWorkflowFile(record.workflowFile).workflow;
    const snapshot = this.engine.store.getWorkflowSnapshot(record.executionId);
    if (snapshot !== null) return snapshot;
    throw new WorkflowError(`cannot re-run "${record.executionId}": its workflow file ${record.workflowFile ?? '(none)'} is gone and the run kept no copy of ${record.workflowName}`);
  }
}

/** A run's params that the workflow still declares: one removed from the file since must not refuse the re-run. */
function declaredParams(workflow: Workflow, params: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).filter(([key]) => Object.hasOwn(workflow.params, key)));
}
