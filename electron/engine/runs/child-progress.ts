// A subflow's child run as its parent step shows it (n of m steps done, its status), reported at most every
// `intervalMs` while it goes — a 400-step child would otherwise write and push its parent step 400 times — and at once
// when it starts and ends.
import { TERMINAL_STEP_STATUSES, type ChildRunProgress, type WorkflowExecution } from '../../../shared/model.js';

/** How often a running child's progress reaches its parent step, at most. */
export const CHILD_PROGRESS_INTERVAL_MS = 100;

export function childProgressOf(execution: WorkflowExecution): ChildRunProgress {
  const runs = Object.values(execution.steps);
  return {
    executionId: execution.executionId,
    workflowName: execution.workflowName,
    status: execution.status,
    done: runs.filter((run) => TERMINAL_STEP_STATUSES.has(run.status)).length,
    total: runs.length,
  };
}

export class ChildProgress {
  private timer: NodeJS.Timeout | null = null;
  private lastReport = 0;
  private latest: WorkflowExecution | null = null;

  constructor(
    private readonly report: (child: ChildRunProgress) => void,
    private readonly intervalMs = CHILD_PROGRESS_INTERVAL_MS,
  ) {}

  /** A step of the child ended: reported now if the last report is old enough, else once the interval has passed. */
  changed(execution: WorkflowExecution): void {
    this.latest = execution;
    if (this.timer !== null) return;
    const wait = this.lastReport + this.intervalMs - Date.now();
    if (wait <= 0) {
      this.flush();
      return;
    }
    this.timer = setTimeout(() => this.flush(), wait);
    this.timer.unref();
  }

  /** The child started or ended: reported at once, and nothing left pending after it. */
  now(execution: WorkflowExecution): void {
    this.latest = execution;
    this.flush();
  }

  private flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.latest === null) return;
    this.lastReport = Date.now();
    this.report(childProgressOf(this.latest));
  }
}
