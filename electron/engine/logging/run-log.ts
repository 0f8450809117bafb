// What a run tells the engine's log: its start and end, each step's start, wait, retry, timeout and end.
import type { StepRun, WorkflowExecution } from '../../../shared/model.js';
import { ValidationError } from '../../../shared/errors.js';
import { closeRunLog, engineLog, openRunLog, type EngineLogger } from './engine-log.js';

/** A run that never started: its workflow or params are invalid (the caller hears why too). */
export function logRunRefused(workflow: string, file: string | null, error: unknown): void {
  const problems = error instanceof ValidationError ? error.problems : undefined;
  engineLog().warning({ workflow, file, error: error instanceof Error ? error.message : String(error), ...(problems ? { problems } : {}) }, 'run refused');
}

export class RunLog {
  private readonly log: EngineLogger;
  private readonly started = Date.now();

  constructor(
    workflow: string,
    private readonly executionId: string,
    /** The registered project the run belongs to, named on each record; null for none. */
    project: string | null = null,
  ) {
    this.log = openRunLog(workflow, executionId, project);
  }

  runStarted(steps: number, kept: number): void {
    this.log.info({ steps, ...(kept > 0 ? { kept } : {}) }, 'run started');
  }

  /** Debug: at info a step is one record (its end carries its action, start time and duration), which keeps logging a
   * 10,000-step run within 5% of not logging (two records per step cost ~8%; see `npm run bench -- logging`). */
  stepStarted(step: string, attempt: number, action: string): void {
    this.log.debug({ step, attempt, action }, 'step started');
  }

  /** A step that cannot start yet: for resources (info), for a concurrency slot (debug: every step of a wide DAG waits). */
  stepWaiting(step: string, reason: string, forResources: boolean): void {
    if (forResources) this.log.info({ step, reason }, 'step waiting');
    else this.log.debug({ step, reason }, 'step waiting');
  }

  stepRetrying(step: string, attempt: number, delaySeconds: number, error: string): void {
    this.log.info({ step, attempt, delaySeconds, error }, 'step retrying');
  }

  stepTimedOut(step: string, attempt: number, timeoutSeconds: number): void {
    this.log.info({ step, attempt, timeoutSeconds }, 'step timed out');
  }

  /**
   * A step that ran (succeeded, failed, cancelled, skipped) is one record; a cached step is debug: it ran nothing, the
   * run's record keeps its key, and the run's end counts it. A run of 400 hits thus writes 2 records, not 402 (~20 ms of
   * CPU in a cold CLI, where pino runs unoptimised).
   */
  stepEnded(step: string, run: StepRun): void {
    if (run.status === 'cached' && !this.log.isLevelEnabled('debug')) return;
    const durationMs = run.startTime !== null && run.endTime !== null ? run.endTime - run.startTime : null;
    const fields = { step, status: run.status, attempts: run.attempts, durationMs, ...(run.exitCode !== null ? { exitCode: run.exitCode } : {}) };
    if (run.status === 'failed') this.log.error({ ...fields, error: run.error }, 'step failed');
    else if (run.status === 'succeeded') this.log.info(fields, 'step finished');
    else if (run.status === 'cached') this.log.debug({ ...fields, cacheKey: run.cacheKey }, 'step cached');
    else this.log.info({ ...fields, reason: run.reason }, `step ${run.status}`);
  }

  runEnded(execution: WorkflowExecution): void {
    const steps: Partial<Record<StepRun['status'], number>> = {};
    for (const run of Object.values(execution.steps)) steps[run.status] = (steps[run.status] ?? 0) + 1;
    const fields = { status: execution.status, durationMs: Date.now() - this.started, steps, ...(execution.outcome ? { outcome: execution.outcome } : {}) };
    if (execution.status === 'failed') this.log.error({ ...fields, errors: execution.errors }, 'run finished');
    else this.log.info(fields, 'run finished');
    closeRunLog(this.executionId);
  }
}
