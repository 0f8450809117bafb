// Run records in SQLite: written behind the scheduler one transaction per event-loop turn, read for history.
import { hostname } from 'node:os';
import type { ExecutionStatus, RunOrigin, StepRun, Workflow, WorkflowExecution } from '../../../shared/model.js';
import type { RunRecorder } from '../execution-run.js';
import { isAlive } from '../process-runner.js';
import type { Db } from './database.js';
import { processStartToken } from './process-identity.js';

export interface HistoryQuery {
  workflowName?: string;
  workflowFile?: string;
  status?: ExecutionStatus;
  projectId?: string;
  sessionId?: string;
  origin?: RunOrigin;
  /** Runs started at or after this time (ms). */
  since?: number;
  /** Runs started before this time (ms). */
  until?: number;
  limit?: number;
  offset?: number;
  /** Include each run's steps (default true); a list view can leave them out. */
  withSteps?: boolean;
}

interface ExecutionRow {
  execution_id: string;
  workflow_name: string;
  workflow_file: string | null;
  session_id: string | null;
  project_id: string | null;
  status: ExecutionStatus;
  origin: RunOrigin;
  start_time: number;
  end_time: number | null;
  params: string;
  errors: string;
  owner_pid: number | null;
  owner_host: string | null;
  owner_start: string | null;
  /** Absent on a database an older version wrote and has not migrated (never here: openDatabase migrates). */
  workflow?: string | null;
  rerun_of?: string | null;
}

interface StepRow {
  execution_id: string;
  name: string;
  status: StepRun['status'];
  attempts: number;
  start_time: number | null;
  end_time: number | null;
  exit_code: number | null;
  error: string | null;
  outputs: string;
  reason: string | null;
  log_path: string | null;
  log_tail: string;
}

const LIVE: readonly ExecutionStatus[] = ['pending', 'running'];
const LIST_COLUMNS = 'execution_id, workflow_name, workflow_file, session_id, project_id, status, origin, start_time, end_time, params, errors, owner_pid, owner_host, owner_start, rerun_of';

export class RunStore implements RunRecorder {
  private db: Db | null = null;
  private readonly started: { execution: WorkflowExecution; workflow: string | null }[] = [];
  private readonly dirtyExecutions = new Map<string, WorkflowExecution>();
  private readonly dirtySteps = new Map<string, { executionId: string; name: string; run: StepRun }>();
  private flushScheduled = false;
  private readonly owner = { pid: process.pid, host: hostname(), start: processStartToken(process.pid) };

  /** `open` runs on first use, so a CLI run can start its first steps before the database is opened. */
  constructor(
    private readonly open: () => Db,
    /** Executions running in this process right now: never reported as interrupted. */
    private readonly isLiveHere: (executionId: string) => boolean,
  ) {}

  get database(): Db {
    return (this.db ??= this.open());
  }

  /** Records a new run and the workflow it runs (kept as it is now, so later edits never change the record). */
  executionStarted(execution: WorkflowExecution, workflow?: Workflow): void {
    this.started.push({ execution, workflow: workflow === undefined ? null : JSON.stringify(workflow) });
    this.schedule();
  }

  executionChanged(execution: WorkflowExecution): void {
    this.dirtyExecutions.set(execution.executionId, execution);
    this.schedule();
  }

  stepChanged(executionId: string, name: string, run: StepRun): void {
    this.dirtySteps.set(`${executionId}\0${name}`, { executionId, name, run });
    this.schedule();
  }

  /** Writes everything pending now, in one transaction. */
  flush(): void {
    this.flushScheduled = false;
    if (this.started.length === 0 && this.dirtyExecutions.size === 0 && this.dirtySteps.size === 0) return;
    const db = this.database;
    const statements = this.statements(db);
    db.transaction(() => {
      for (const { execution, workflow } of this.started.splice(0)) {
        statements.insertExecution.run({ ...executionParams(execution, this.owner), workflow, rerunOf: execution.rerunOf ?? null });
        let position = 0;
        for (const [name, run] of Object.entries(execution.steps)) {
          statements.insertStep.run({ ...stepParams(execution.executionId, name, run), position: position++ });
        }
      }
      for (const execution of this.dirtyExecutions.values()) statements.updateExecution.run(executionParams(execution, this.owner));
      for (const { executionId, name, run } of this.dirtySteps.values()) statements.updateStep.run(stepParams(executionId, name, run));
    })();
    this.dirtyExecutions.clear();
    this.dirtySteps.clear();
  }

  getExecution(executionId: string): WorkflowExecution | null {
    this.flush();
    this.reconcileInterrupted(executionId);
    const row = this.database.prepare(`SELECT ${LIST_COLUMNS} FROM executions WHERE execution_id = ?`).get(executionId) as ExecutionRow | undefined;
    if (row === undefined) return null;
    const steps = this.database.prepare('SELECT * FROM step_runs WHERE execution_id = ? ORDER BY position').all(executionId) as StepRow[];
    return toExecution(row, steps);
  }

  /** Ids of the runs whose id starts with `prefix` (history shows the first 8 characters), at most `limit`. */
  findExecutionIds(prefix: string, limit = 2): string[] {
    this.flush();
    const rows = this.database.prepare("SELECT execution_id FROM executions WHERE substr(execution_id, 1, length(@prefix)) = @prefix LIMIT @limit").all({ prefix, limit }) as { execution_id: string }[];
    return rows.map((row) => row.execution_id);
  }

  /** Links the runs of workflow files inside the project's folder that no project claimed yet; returns how many. */
  linkRunsToProject(project: { id: string; path: string }, sep: string): number {
    this.flush();
    return this.database.prepare(`UPDATE executions SET project_id = @id WHERE project_id IS NULL
      AND substr(workflow_file, 1, length(@prefix)) = @prefix`).run({ id: project.id, prefix: project.path + sep }).changes;
  }

  /** The workflow a run ran, as it was when it started; null for runs recorded before snapshots were kept. */
  getWorkflowSnapshot(executionId: string): Workflow | null {
    this.flush();
    const row = this.database.prepare('SELECT workflow FROM executions WHERE execution_id = ?').get(executionId) as { workflow: string | null } | undefined;
    return row?.workflow == null ? null : (JSON.parse(row.workflow) as Workflow);
  }

  /** Past runs, newest first. */
  listExecutions(query: HistoryQuery = {}): WorkflowExecution[] {
    this.flush();
    this.reconcileInterrupted();
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: query.limit ?? 100, offset: query.offset ?? 0 };
    const filters: [keyof HistoryQuery, string][] = [
      ['workflowName', 'workflow_name'], ['workflowFile', 'workflow_file'], ['status', 'status'], ['projectId', 'project_id'], ['sessionId', 'session_id'], ['origin', 'origin'],
    ];
    for (const [key, column] of filters) {
      if (query[key] === undefined) continue;
      where.push(`${column} = @${key}`);
      params[key] = query[key];
    }
    if (query.since !== undefined) {
      where.push('start_time >= @since');
      params.since = query.since;
    }
    if (query.until !== undefined) {
      where.push('start_time < @until');
      params.until = query.until;
    }
    // The snapshot can be big and a list never shows it: every column but that one.
    const sql = `SELECT ${LIST_COLUMNS} FROM executions ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY start_time DESC, rowid DESC LIMIT @limit OFFSET @offset`;
    const rows = this.database.prepare(sql).all(params) as ExecutionRow[];
    if (query.withSteps === false) return rows.map((row) => toExecution(row, []));
    return rows.map((row) => toExecution(row, this.stepsOf(row.execution_id)));
  }

  /**
   * A run whose process died stays `running` in the database; report it `interrupted`, finished steps intact
   * and unfinished ones cancelled, the next time anybody reads the history.
   */
  reconcileInterrupted(executionId?: string): number {
    const db = this.database;
    const live = executionId === undefined
      ? (db.prepare(`SELECT ${LIST_COLUMNS} FROM executions WHERE status IN ('pending', 'running')`).all() as ExecutionRow[])
      : (db.prepare(`SELECT ${LIST_COLUMNS} FROM executions WHERE execution_id = ? AND status IN ('pending', 'running')`).all(executionId) as ExecutionRow[]);
    const dead = live.filter((row) => !this.ownerAlive(row));
    if (dead.length === 0) return 0;
    db.transaction(() => {
      for (const row of dead) {
        // The run ends at its last recorded event (a step's start or end), not when somebody next read the history.
        const last = db.prepare('SELECT MAX(MAX(COALESCE(start_time, 0)), MAX(COALESCE(end_time, 0))) AS t FROM step_runs WHERE execution_id = ?').get(row.execution_id) as { t: number | null };
        const end = Math.max(last.t ?? 0, row.start_time);
        db.prepare(`UPDATE step_runs SET status = 'cancelled', error = 'interrupted: the process running it stopped', end_time = COALESCE(end_time, @end)
                    WHERE execution_id = @id AND status NOT IN ('succeeded', 'failed', 'skipped', 'cancelled')`).run({ id: row.execution_id, end });
        db.prepare(`UPDATE executions SET status = 'interrupted', end_time = @end, errors = @errors WHERE execution_id = @id AND status IN ('pending', 'running')`)
          .run({ id: row.execution_id, end, errors: JSON.stringify([...JSON.parse(row.errors) as string[], `interrupted: process ${row.owner_pid} on ${row.owner_host} stopped while the run was in progress`]) });
      }
    })();
    return dead.length;
  }

  private ownerAlive(row: ExecutionRow): boolean {
    if (row.owner_pid === this.owner.pid && row.owner_host === this.owner.host && row.owner_start === this.owner.start) {
      return this.isLiveHere(row.execution_id);
    }
    if (row.owner_host !== this.owner.host) return true; // Another machine sharing the folder: we cannot tell.
    if (row.owner_pid === null || !isAlive(row.owner_pid)) return false;
    // The pid may have been reused by an unrelated process since.
    return row.owner_start === null || processStartToken(row.owner_pid) === row.owner_start;
  }

  private stepsOf(executionId: string): StepRow[] {
    return this.database.prepare('SELECT * FROM step_runs WHERE execution_id = ? ORDER BY position').all(executionId) as StepRow[];
  }

  private schedule(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  private cached: { db: Db; statements: ReturnType<typeof prepareWrites> } | null = null;
  private statements(db: Db): ReturnType<typeof prepareWrites> {
    if (this.cached?.db !== db) this.cached = { db, statements: prepareWrites(db) };
    return this.cached.statements;
  }
}

function prepareWrites(db: Db) {
  return {
    insertExecution: db.prepare(`INSERT INTO executions (execution_id, workflow_name, workflow_file, session_id, project_id, status, origin, start_time, end_time, params, errors, owner_pid, owner_host, owner_start, workflow, rerun_of)
      VALUES (@executionId, @workflowName, @workflowFile, @sessionId, @projectId, @status, @origin, @startTime, @endTime, @params, @errors, @ownerPid, @ownerHost, @ownerStart, @workflow, @rerunOf)
      ON CONFLICT (execution_id) DO UPDATE SET status = excluded.status, end_time = excluded.end_time, errors = excluded.errors,
        owner_pid = excluded.owner_pid, owner_host = excluded.owner_host, owner_start = excluded.owner_start`),
    updateExecution: db.prepare('UPDATE executions SET status = @status, end_time = @endTime, errors = @errors WHERE execution_id = @executionId'),
    insertStep: db.prepare(`INSERT INTO step_runs (execution_id, name, position, status, attempts, start_time, end_time, exit_code, error, outputs, reason, log_path, log_tail)
      VALUES (@executionId, @name, @position, @status, @attempts, @startTime, @endTime, @exitCode, @error, @outputs, @reason, @logPath, @logTail)
      ON CONFLICT (execution_id, name) DO UPDATE SET status = excluded.status, attempts = excluded.attempts, start_time = excluded.start_time,
        end_time = excluded.end_time, exit_code = excluded.exit_code, error = excluded.error, outputs = excluded.outputs, reason = excluded.reason,
        log_path = excluded.log_path, log_tail = excluded.log_tail`),
    updateStep: db.prepare(`UPDATE step_runs SET status = @status, attempts = @attempts, start_time = @startTime, end_time = @endTime, exit_code = @exitCode,
      error = @error, outputs = @outputs, reason = @reason, log_path = @logPath, log_tail = @logTail WHERE execution_id = @executionId AND name = @name`),
  };
}

function executionParams(execution: WorkflowExecution, owner: { pid: number; host: string; start: string | null }) {
  return {
    executionId: execution.executionId,
    workflowName: execution.workflowName,
    workflowFile: execution.workflowFile,
    sessionId: execution.sessionId,
    projectId: execution.projectId,
    status: execution.status,
    origin: execution.origin,
    startTime: execution.startTime,
    endTime: execution.endTime,
    params: JSON.stringify(execution.params),
    errors: JSON.stringify(execution.errors),
    ownerPid: owner.pid,
    ownerHost: owner.host,
    ownerStart: owner.start,
  };
}

function stepParams(executionId: string, name: string, run: StepRun) {
  return {
    executionId,
    name,
    status: run.status,
    attempts: run.attempts,
    startTime: run.startTime,
    endTime: run.endTime,
    exitCode: run.exitCode,
    error: run.error,
    outputs: JSON.stringify(run.outputs),
    reason: run.reason,
    logPath: run.logPath,
    logTail: run.logTail,
  };
}

function toExecution(row: ExecutionRow, steps: StepRow[]): WorkflowExecution {
  return {
    executionId: row.execution_id,
    workflowName: row.workflow_name,
    workflowFile: row.workflow_file,
    sessionId: row.session_id,
    projectId: row.project_id,
    status: row.status,
    origin: row.origin,
    startTime: row.start_time,
    endTime: row.end_time,
    params: JSON.parse(row.params) as Record<string, unknown>,
    errors: JSON.parse(row.errors) as string[],
    steps: Object.fromEntries(steps.map((step) => [step.name, toStepRun(step)])),
    rerunOf: row.rerun_of ?? null,
  };
}

function toStepRun(row: StepRow): StepRun {
  return {
    status: row.status,
    attempts: row.attempts,
    startTime: row.start_time,
    endTime: row.end_time,
    exitCode: row.exit_code,
    error: row.error,
    outputs: JSON.parse(row.outputs) as Record<string, unknown>,
    reason: row.reason,
    logPath: row.log_path,
    logTail: row.log_tail,
  };
}

export { LIVE as LIVE_EXECUTION_STATUSES };
