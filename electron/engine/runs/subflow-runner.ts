// A `workflow.run` step's child run: started in its parent run's project, session, origin and folder, recorded with its
// parent run and step, followed live by the parent step (n of m), cancelled with it, and — when the parent is a re-run
// from failed — resuming the child run the failed step had, from that child's failed steps.
import { WorkflowError } from '../../../shared/errors.js';
import type { ChildRunProgress, Workflow, WorkflowExecution } from '../../../shared/model.js';
import type { SubWorkflowRequest, SubWorkflowResult } from '../actions/action.js';
import { findSubflow, type KnownWorkflows } from '../workflows/subflow-target.js';
import { ChildProgress } from './child-progress.js';
import type { StepTask } from './executor.js';
import type { ExecutionHandle, RunOptions } from './task-orchestrator.js';

const MAX_SUB_WORKFLOW_DEPTH = 8;

export interface SubflowDeps {
  /** Starts a run as every door does (OrchestrationEngine.runWorkflow). */
  start(workflow: Workflow, options: RunOptions): ExecutionHandle;
  cancel(executionId: string): boolean;
  getExecution(executionId: string): WorkflowExecution | null;
  /** A run of this process: its live record and the record it resumes. */
  liveRun(executionId: string): { execution: WorkflowExecution; resumeFrom: WorkflowExecution | null } | null;
  known: KnownWorkflows;
}

export class SubflowRunner {
  constructor(private readonly deps: SubflowDeps) {}

  async run(request: SubWorkflowRequest, parent: StepTask, signal: AbortSignal, report: (child: ChildRunProgress) => void): Promise<SubWorkflowResult> {
    // The run-time bound for recursions validation cannot see (a templated file): counted up the live parents, which
    // are known before their first step starts (a child's first step may start a grandchild within the same call).
    if (this.depthOf(parent.executionId) >= MAX_SUB_WORKFLOW_DEPTH) throw new WorkflowError(`sub-workflows nested more than ${MAX_SUB_WORKFLOW_DEPTH} deep (does a workflow run itself?)`);
    const target = findSubflow(request, parent.cwd, this.deps.known);
    const live = this.deps.liveRun(parent.executionId);
    const progress = new ChildProgress(report);
    const previous = parent.attempt === 1 ? this.previousChild(live?.resumeFrom ?? null, parent.step, target.workflow.name) : null;
    const handle = this.deps.start(target.workflow, {
      params: request.params,
      cwd: parent.cwd,
      file: target.file,
      // The child belongs where its parent does: the same project, session (its environment) and door.
      ...(live !== null ? { origin: live.execution.origin, projectId: live.execution.projectId, sessionId: live.execution.sessionId } : { origin: 'api' }),
      parent: { executionId: parent.executionId, step: parent.step },
      onStepEnded: (execution) => progress.changed(execution),
      ...(previous !== null ? { resumeFrom: previous, rerunOf: previous.executionId } : {}),
    });
    progress.now(handle.execution);
    const cancel = (): void => void this.deps.cancel(handle.executionId);
    signal.addEventListener('abort', cancel, { once: true });
    try {
      const execution = await handle.done;
      progress.now(execution);
      const outputs = Object.fromEntries(Object.entries(execution.steps).map(([name, run]) => [name, run.outputs]));
      return { executionId: execution.executionId, status: execution.status, outputs };
    } finally {
      signal.removeEventListener('abort', cancel);
    }
  }

  /** How many live parent runs are above a run (0 for a top-level run). */
  private depthOf(executionId: string): number {
    let depth = 0;
    for (let parent = this.deps.liveRun(executionId)?.execution.parent; parent != null && depth <= MAX_SUB_WORKFLOW_DEPTH; parent = this.deps.liveRun(parent.executionId)?.execution.parent) depth++;
    return depth;
  }

  /**
   * The child run to resume: the one the same step had in the run its parent resumes (a re-run from failed), if it
   * ran the same workflow and did not complete. Its succeeded steps are kept; it may be several re-runs back.
   */
  private previousChild(resumeFrom: WorkflowExecution | null, step: string, workflowName: string): WorkflowExecution | null {
    const childId = resumeFrom !== null && Object.hasOwn(resumeFrom.steps, step) ? resumeFrom.steps[step]!.child?.executionId : undefined;
    if (childId === undefined) return null;
    const child = this.deps.getExecution(childId);
    if (child === null || child.workflowName !== workflowName || child.status === 'pending' || child.status === 'running') return null;
    return child;
  }
}
