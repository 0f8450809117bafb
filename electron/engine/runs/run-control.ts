// What a door asks of runs beyond reading them: start one (in a session, if named), re-run one from its start or from
// its failed steps (also how an interrupted run is resumed), and cancel one step. A run always works in its own
// project's folder; a session only lends its environment, and only to runs of its own project (see session-scope.ts).
import { existsSync } from 'node:fs';
import { NotFoundError, OrchestrationError, WorkflowError } from '../../../shared/errors.js';
import type { Project, RunOrigin, Session, Workflow, WorkflowExecution } from '../../../shared/model.js';
import { sessionAppliesTo } from '../../../shared/session-scope.js';
import { workingDirFor, type OrchestrationEngine } from '../orchestration-engine.js';
import type { ExecuteOptions, ExecutionHandle } from './task-orchestrator.js';
import { loadWorkflowFile } from '../workflows/workflow-file.js';

export interface StartRequest {
  projectId: string;
  workflowName: string;
  params?: Record<string, unknown>;
  sessionId?: string;
}

/** What a session gives a run: its record under the session, its environment overrides and variables. */
interface SessionContext {
  sessionId: string | null;
  env: Record<string, string>;
}

export class RunControl {
  constructor(
    private readonly engine: OrchestrationEngine,
    private readonly origin: RunOrigin,
    /** The file of a project's workflow by name (the editor's lookup, so a run finds what the editor shows). */
    private readonly workflowFile: (project: Project, name: string) => string,
  ) {}

  start(request: StartRequest): { executionId: string } {
    const project = this.engine.projectManager.requireProject(request.projectId);
    const file = this.workflowFile(project, request.workflowName);
    const session = this.sessionContext(request.sessionId ?? null);
    // The engine refuses a session of another project (runWorkflow): the renderer never sends one.
    const handle = this.engine.runWorkflowFile(file, {
      params: request.params ?? {},
      origin: this.origin,
      projectId: project.id,
      sessionId: session.sessionId,
      cwd: project.path,
      env: session.env,
    });
    return { executionId: handle.executionId };
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
    if (from === 'failed' && Object.values(record.steps).every((step) => step.status === 'succeeded')) {
      throw new OrchestrationError(`run "${executionId}" of ${record.workflowName} has no failed step to re-run (re-run it from the start)`);
    }
    const workflow = this.workflowOf(record);
    const project = record.projectId === null ? null : this.engine.projectManager.getProject(record.projectId);
    const recorded = record.sessionId === null ? null : this.engine.getSession(record.sessionId);
    const session = this.sessionContext(recorded !== null && !sessionAppliesTo(recorded, record.projectId) ? null : record.sessionId);
    const options: ExecuteOptions = {
      params: declaredParams(workflow, record.params),
      origin: this.origin,
      sessionId: session.sessionId,
      // Unset lets the engine find the project holding the file (one registered since the run, say).
      ...(record.projectId !== null ? { projectId: record.projectId } : {}),
      cwd: project?.path ?? (record.workflowFile !== null ? workingDirFor(record.workflowFile) : process.cwd()),
      file: record.workflowFile,
      env: session.env,
      rerunOf: record.executionId,
      ...(from === 'failed' ? { resumeFrom: record } : {}),
    };
    return this.engine.runWorkflow(workflow, options);
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

  private sessionContext(sessionId: string | null): SessionContext {
    if (sessionId === null) return { sessionId: null, env: {} };
    const session: Session | null = this.engine.getSession(sessionId);
    if (session === null) throw new NotFoundError('session', `unknown session "${sessionId}"`);
    if (session.status === 'closed') throw new OrchestrationError(`session "${session.name}" is closed: it starts no new runs (start it in an open session)`);
    // Variables and environment overrides both reach the steps as environment variables, as in startWorkflowInSession.
    return { sessionId: session.sessionId, env: { ...session.env, ...session.variables } };
  }

}

/** A run's params that the workflow still declares: one removed from the file since must not refuse the re-run. */
function declaredParams(workflow: Workflow, params: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).filter(([key]) => Object.hasOwn(workflow.params, key)));
}
