// A project's status following its runs, for projects that opt in (the upstream guide's data-flow step 6, "release
// resources and update project status"): `active` while any of its runs goes; when the last one ends, `failed` if the
// last finished run of its health-check workflow failed, else the status it rests at. Each change is saved with its
// reason and raised as a notice, never made silently.
import type { ExecutionSummary } from '../../../shared/events.js';
import type { Project, ProjectStatus } from '../../../shared/model.js';
import type { EventBus } from '../event-bus.js';
import type { EngineNotices } from '../notices.js';
import type { ProjectManager } from './project-manager.js';
import type { RunStore } from '../store/run-store.js';

/** How many of the health check's latest runs are read to find the last one that finished with a verdict. */
const HEALTH_LOOKBACK = 20;

export class ProjectStatusFollower {
  constructor(
    private readonly projects: ProjectManager,
    private readonly store: RunStore,
    private readonly notices: EngineNotices,
  ) {}

  /** Follows every run's start and end on the bus; returns the unsubscribe function. */
  listen(events: EventBus): () => void {
    return events.on((event) => {
      if (event.type === 'execution.updated') this.runChanged(event.execution);
    }, ['execution.updated']);
  }

  runChanged(run: ExecutionSummary): void {
    if (run.projectId === null || run.projectId === undefined) return;
    const project = this.projects.getProject(run.projectId);
    if (project?.statusFollowsRuns === undefined) return;
    try {
      if (run.status === 'running' || run.status === 'pending') this.change(project, 'active', `run ${shortId(run.executionId)} of "${run.workflowName}" started`, run.executionId);
      else if (!this.anyRunGoing(project)) this.settle(project, run);
    } catch (error) {
      this.notices.raise('warning', `project "${project.name}": its status could not follow run ${shortId(run.executionId)}: ${(error as Error).message}`);
    }
  }

  /** Reads the database, not this process's runs: the app, the CLI and MCP servers run a project's workflows alike. */
  private anyRunGoing(project: Project): boolean {
    return (['running', 'pending'] as const).some((status) => this.store.listExecutions({ projectId: project.id, status, limit: 1, withSteps: false }).length > 0);
  }

  private settle(project: Project, run: ExecutionSummary): void {
    const { healthCheck, restingStatus } = project.statusFollowsRuns!;
    const verdict = healthCheck === null ? null : this.lastVerdict(project, healthCheck);
    if (verdict?.status === 'failed') {
      this.change(project, 'failed', `the last run of its health check "${healthCheck}" failed (run ${shortId(verdict.executionId)})`, verdict.executionId);
      return;
    }
    const why = healthCheck === null ? 'its runs ended' : verdict === null ? `its runs ended; health check "${healthCheck}" has not run yet` : `its runs ended; the last run of its health check "${healthCheck}" passed`;
    this.change(project, restingStatus, why, verdict?.executionId ?? run.executionId);
  }

  /** The health check's last run that completed or failed: a cancelled or interrupted run says nothing of health. */
  private lastVerdict(project: Project, workflowName: string): { status: 'completed' | 'failed'; executionId: string } | null {
    const runs = this.store.listExecutions({ projectId: project.id, workflowName, limit: HEALTH_LOOKBACK, withSteps: false });
    const last = runs.find((run) => run.status === 'completed' || run.status === 'failed');
    return last === undefined ? null : { status: last.status as 'completed' | 'failed', executionId: last.executionId };
  }

  private change(project: Project, to: ProjectStatus, reason: string, executionId: string): void {
    if (project.status === to) return;
    this.projects.recordStatusChange(project.id, to, reason, executionId);
    this.notices.raise(to === 'failed' ? 'warning' : 'info', `project "${project.name}" is now ${to} (was ${project.status}): ${reason}`);
  }
}

function shortId(executionId: string): string {
  return executionId.slice(0, 8);
}
