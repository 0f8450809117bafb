// Run records in SQLite: written behind the scheduler, a transaction at the end of a turn that changed them (or, right
// after another, up to GROUP_COMMIT_MS later with every change since), read for history. A write
// that fails (a full disk, a read-only or failing file) never stops a run: the records stay in memory, the runs are
// marked, the user is told, and the write is retried until it goes through.
import { TERMINAL_EXECUTION_STATUSES, TERMINAL_STEP_STATUSES, type ExecutionStatus, type RunOrigin, type StepRun, type Workflow, type WorkflowExecution } from '../../../shared/model.js';
import type { RunRecorder } from './run-recorder.js';
import type { Db } from './database.js';
import { stillRunning } from '../processes/process-liveness.js';
import { thisProcess } from './process-identity.js';
import type { DatabaseFile, Notify } from './database-file.js';
import { CACHE_SHARE_COLUMNS, DAMAGED_STEP_COLUMN, toExecution, type ExecutionRow, type StepRow } from './run-rows.js';
import { prepareWrites, writeBatch, type RunWrites } from './run-writes.js';
import { describeFault } from './storage-error.js';

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
  /** A subflow's child runs: those of this parent run; null: top-level runs only (no parent); unset: every run. */
  parent?: string | null;
  /** Include each run's steps (default true); a list view can leave them out. */
  withSteps?: boolean;
}

/** How long a failed write waits before it is tried again. */
export const RETRY_MS = 1000;
/**
 * Changes that follow a write sooner than this wait for one transaction together (a group commit); a change after a
 * quiet spell is written at the end of its turn, as before. A 400-step shell run committed ~1,000 transactions, one
 * per turn that changed a step, costing the engine ~10% of its CPU; a process killed outright loses at most this much.
 */
export const GROUP_COMMIT_MS = 10;

const LIVE: readonly ExecutionStatus[] = ['pending', 'running'];
/** The step statuses an interrupted run keeps as they are (a step left out of a partial run among them). */
const ENDED_STEP_SQL = [...TERMINAL_STEP_STATUSES].map((status) => `'${status}'`).join(', ');
const LIST_COLUMNS = `execution_id, workflow_name, workflow_file, session_id, project_id, status, origin, start_time, end_time, params, errors, owner_pid,
  owner_host, owner_start, rerun_of, partial, outcome, selection, parent_execution_id, parent_step`;
const FILTERS: [keyof HistoryQuery, string][] = [
  ['workflowName', 'workflow_name'], ['workflowFile', 'workflow_file'], ['status', 'status'], ['projectId', 'project_id'], ['sessionId', 'session_id'], ['origin', 'origin'],
];

interface Started {
  execution: WorkflowExecution;
  workflow: string | null;
}

export class RunStore implements RunRecorder {
  private readonly started: Started[] = [];
  private readonly dirtyExecutions = new Map<string, WorkflowExecution>();
  private readonly dirtySteps = new Map<string, { executionId: string; name: string; run: StepRun }>();
  /** Runs of this process until their end is saved: written again into a fresh database, read from here while unsaved. */
  private readonly live = new Map<string, Started>();
  private flushScheduled = false;
  private flushTimer: NodeJS.Timeout | null = null;
  /** When the last write began (ms, monotonic). */
  private lastWrite = -Infinity;
  private readonly scheduledFlush = (): void => void this.flush();
  private retryTimer: NodeJS.Timeout | null = null;
  private fault: { since: number; notice: string; message: string } | null = null;
  private readonly owner = thisProcess();

  constructor(
    /** Opened on first use, so a CLI run can start its first steps before the database is opened. */
    private readonly file: DatabaseFile,
    /** Executions running in this process right now: never reported as interrupted. */
    private readonly isLiveHere: (executionId: string) => boolean,
    private readonly notify: Notify,
    /** Tells the doors a run changed outside the scheduler (marked with a storage fault). */
    private readonly announce: (execution: WorkflowExecution) => void = () => {},
  ) {
    file.onReset(() => {
      // The fresh database knows nothing of the runs going on: write each again, in full.
      const queued = new Set(this.started.map((entry) => entry.execution.executionId));
      for (const entry of this.live.values()) if (!queued.has(entry.execution.executionId)) this.started.push(entry);
      this.schedule();
    });
  }

  get database(): Db {
    return this.file.connection;
  }

  /** A read through the database file: a garbled file found on the way is replaced, and the read done again. */
  read<T>(work: (db: Db) => T): T {
    return this.file.use(work);
  }

  /** Records a new run and the workflow it runs (kept as it is now, so later edits never change the record). */
  executionStarted(execution: WorkflowExecution, workflow?: Workflow): void {
    const entry = { execution, workflow: workflow === undefined ? null : JSON.stringify(workflow) };
    this.started.push(entry);
    this.live.set(execution.executionId, entry);
    if (this.fault !== null) this.markFault(execution);
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

  /** True while records cannot be written (they are kept in memory and retried). */
  get failing(): boolean {
    return this.fault !== null;
  }

  /** Writes everything pending now, in one transaction; false when it could not (kept, and retried soon). */
  flush(): boolean {
    this.flushScheduled = false;
    if (this.flushTimer !== null) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (this.started.length === 0 && this.dirtyExecutions.size === 0 && this.dirtySteps.size === 0) return true;
    this.lastWrite = performance.now();
    const started = this.started.slice();
    try {
      this.file.verify();
      this.file.use((db) => db.transaction(() => writeBatch(this.statements(db), this.owner, started, this.dirtyExecutions.values(), this.dirtySteps.values())).immediate());
    } catch (error) {
      this.failed(error);
      return false;
    }
    this.started.splice(0, started.length);
    for (const execution of this.dirtyExecutions.values()) {
      if (TERMINAL_EXECUTION_STATUSES.has(execution.status)) this.live.delete(execution.executionId);
    }
    this.dirtyExecutions.clear();
    this.dirtySteps.clear();
    if (this.fault !== null) this.recovered();
    return true;
  }

  getExecution(executionId: string): WorkflowExecution | null {
    this.flush();
    if (this.fault !== null && this.live.has(executionId)) return snapshotOf(this.live.get(executionId)!.execution);
    this.reconcileInterrupted(executionId);
    return this.read((db) => {
      const row = db.prepare(`SELECT ${LIST_COLUMNS}, performance FROM executions WHERE execution_id = ?`).get(executionId) as ExecutionRow | undefined;
      if (row === undefined) return null;
      return toExecution(row, db.prepare('SELECT * FROM step_runs WHERE execution_id = ? ORDER BY position').all(executionId) as StepRow[]);
    });
  }

  /** Ids of the runs whose id starts with `prefix` (history shows the first 8 characters), at most `limit`. */
  findExecutionIds(prefix: string, limit = 2): string[] {
    this.flush();
    const rows = this.read((db) => db.prepare('SELECT execution_id FROM executions WHERE substr(execution_id, 1, length(@prefix)) = @prefix LIMIT @limit').all({ prefix, limit }) as { execution_id: string }[]);
    return rows.map((row) => row.execution_id);
  }

  /** Links the runs of workflow files inside the project's folder that no project claimed yet; returns how many. */
  linkRunsToProject(project: { id: string; path: string }, sep: string): number {
    this.flush();
    return this.read((db) => db.prepare(`UPDATE executions SET project_id = @id WHERE project_id IS NULL
      AND substr(workflow_file, 1, length(@prefix)) = @prefix`).run({ id: project.id, prefix: project.path + sep }).changes);
  }

  /** The workflow a run ran, as it was when it started; null for runs recorded before snapshots were kept (or garbled). */
  getWorkflowSnapshot(executionId: string): Workflow | null {
    this.flush();
    const unsaved = this.live.get(executionId);
    if (this.fault !== null && unsaved !== undefined) return unsaved.workflow === null ? null : (JSON.parse(unsaved.workflow) as Workflow);
    const row = this.read((db) => db.prepare('SELECT workflow FROM executions WHERE execution_id = ?').get(executionId) as { workflow: string | null } | undefined);
    if (row?.workflow == null) return null;
    try {
      return JSON.parse(row.workflow) as Workflow;
    } catch {
      return null;
    }
  }

  /** Past runs, newest first; runs of this process not yet saved (a storage fault) on the first page too. */
  listExecutions(query: HistoryQuery = {}): WorkflowExecution[] {
    this.flush();
    this.reconcileInterrupted();
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: query.limit ?? 100, offset: query.offset ?? 0 };
    for (const [key, column] of FILTERS) {
      if (query[key] === undefined) continue;
      where.push(`${column} = @${key}`);
      params[key] = query[key];
    }
    if (query.parent !== undefined) {
      where.push(query.parent === null ? 'parent_execution_id IS NULL' : 'parent_execution_id = @parent');
      if (query.parent !== null) params.parent = query.parent;
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
    const sql = `SELECT ${LIST_COLUMNS}, ${DAMAGED_STEP_COLUMN}${query.withSteps === false ? `, ${CACHE_SHARE_COLUMNS}` : ''} FROM executions ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY start_time DESC, rowid DESC LIMIT @limit OFFSET @offset`;
    const runs = this.read((db) => {
      const rows = db.prepare(sql).all(params) as ExecutionRow[];
      const steps = db.prepare('SELECT * FROM step_runs WHERE execution_id = ? ORDER BY position');
      return rows.map((row) => toExecution(row, query.withSteps === false ? [] : (steps.all(row.execution_id) as StepRow[])));
    });
    return this.withUnsaved(runs, query);
  }

  /**
   * A run whose process died stays `running` in the database; report it `interrupted`, finished steps intact
   * and unfinished ones cancelled, the next time anybody reads the history. Skipped while writes fail.
   */
  reconcileInterrupted(executionId?: string): number {
    if (this.fault !== null) return 0;
    try {
      return this.read((db) => this.markInterrupted(db, executionId));
    } catch (error) {
      // A file that cannot even be opened is the reader's to report (its read fails alike): no run's records are at stake.
      if (!this.file.isOpen) throw error;
      this.failed(error);
      return 0;
    }
  }

  /** Writes what is pending; says what could not be saved when the store still fails (the process is ending). */
  close(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    if (!this.flush()) {
      this.notify.raise('error', `the records of ${this.live.size} run(s) could not be saved to ${this.file.path} before exit: ${this.fault?.message ?? 'unknown error'}`);
    }
  }

  private markInterrupted(db: Db, executionId?: string): number {
    const live = executionId === undefined
      ? (db.prepare(`SELECT ${LIST_COLUMNS} FROM executions WHERE status IN ('pending', 'running')`).all() as ExecutionRow[])
      : (db.prepare(`SELECT ${LIST_COLUMNS} FROM executions WHERE execution_id = ? AND status IN ('pending', 'running')`).all(executionId) as ExecutionRow[]);
    const dead = live.filter((row) => !this.ownerAlive(row));
    if (dead.length === 0) return 0;
    db.transaction(() => {
      for (const row of dead) {
        // The run ends at its last recorded event (a step's start or end), not when somebody next read the history.
        const last = db.prepare(`SELECT MAX(MAX(COALESCE(start_time, 0)), MAX(COALESCE(end_time, 0))) AS t FROM step_runs
                                 WHERE execution_id = ? AND typeof(COALESCE(start_time, 0)) = 'integer' AND typeof(COALESCE(end_time, 0)) = 'integer'`).get(row.execution_id) as { t: number | null };
        const end = Math.max(last.t ?? 0, typeof row.start_time === 'number' ? row.start_time : 0);
        db.prepare(`UPDATE step_runs SET status = 'cancelled', error = 'interrupted: the process running it stopped', end_time = COALESCE(end_time, @end)
                    WHERE execution_id = @id AND status NOT IN (${ENDED_STEP_SQL})`).run({ id: row.execution_id, end });
        const errors = [...toExecution(row, []).errors, `interrupted: process ${row.owner_pid} on ${row.owner_host} stopped while the run was in progress`];
        db.prepare(`UPDATE executions SET status = 'interrupted', end_time = @end, errors = @errors, outcome = @outcome WHERE execution_id = @id AND status IN ('pending', 'running')`)
          .run({ id: row.execution_id, end, errors: JSON.stringify(errors), outcome: 'Ended interrupted: the process running it stopped' });
      }
    }).immediate();
    return dead.length;
  }

  private ownerAlive(row: ExecutionRow): boolean {
    if (row.owner_pid === this.owner.pid && row.owner_host === this.owner.host && row.owner_start === this.owner.start) {
      return this.isLiveHere(row.execution_id);
    }
    if (row.owner_host !== this.owner.host) return true; // Another machine sharing the folder: we cannot tell.
    return row.owner_pid !== null && stillRunning(row.owner_pid, row.owner_start);
  }

  /** While writes fail, this process's runs are in memory only: they join the first page of the list. */
  private withUnsaved(runs: WorkflowExecution[], query: HistoryQuery): WorkflowExecution[] {
    if (this.fault === null || (query.offset ?? 0) > 0) return runs;
    const listed = new Set(runs.map((run) => run.executionId));
    const unsaved = [...this.live.values()].map((entry) => entry.execution).filter((execution) => !listed.has(execution.executionId) && matches(execution, query));
    if (unsaved.length === 0) return runs;
    const shown = unsaved.map((execution) => (query.withSteps === false ? { ...snapshotOf(execution), steps: {} } : snapshotOf(execution)));
    return [...shown, ...runs].sort((a, b) => b.startTime - a.startTime).slice(0, query.limit ?? 100);
  }

  private failed(error: unknown): void {
    if (this.fault === null) {
      const message = describeFault(error);
      const notice = this.notify.raise('error', `could not save run records to ${this.file.path}: ${message}; runs go on, their records are kept in memory and saved once this is fixed`);
      this.fault = { since: Date.now(), notice, message };
      for (const { execution } of this.live.values()) this.markFault(execution);
    }
    // Retried on a timer: nothing else may write for a while (a run that only waits on a long step).
    if (this.retryTimer === null) {
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        this.flush();
      }, RETRY_MS);
      this.retryTimer.unref();
    }
  }

  private recovered(): void {
    const fault = this.fault!;
    this.fault = null;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const seconds = Math.max(1, Math.round((Date.now() - fault.since) / 1000));
    this.notify.raise('info', `run records are saved again to ${this.file.path} (they could not be saved for ${seconds} s)`, fault.notice);
  }

  /** The run keeps the fault in its record: its history says it was not saved as it went. */
  private markFault(execution: WorkflowExecution): void {
    execution.errors.push(`storage: the record could not be saved as the run went (${this.fault!.message}); it was kept in memory and saved later`);
    this.dirtyExecutions.set(execution.executionId, execution);
    this.announce(execution);
  }

  private schedule(): void {
    if (this.flushScheduled || this.retryTimer !== null) return;
    this.flushScheduled = true;
    const wait = this.lastWrite + GROUP_COMMIT_MS - performance.now();
    if (wait <= 0) setImmediate(this.scheduledFlush);
    else this.flushTimer = setTimeout(this.scheduledFlush, wait);
  }

  private cached: { db: Db; statements: RunWrites } | null = null;
  private statements(db: Db): RunWrites {
    if (this.cached?.db !== db) this.cached = { db, statements: prepareWrites(db) };
    return this.cached.statements;
  }
}

function matches(execution: WorkflowExecution, query: HistoryQuery): boolean {
  for (const [key] of FILTERS) {
    if (query[key] !== undefined && execution[key as keyof WorkflowExecution] !== query[key]) return false;
  }
  if (query.parent !== undefined && (execution.parent?.executionId ?? null) !== query.parent) return false;
  return (query.since === undefined || execution.startTime >= query.since) && (query.until === undefined || execution.startTime < query.until);
}

/** A copy of a live record, so a reader never sees it change under it. */
function snapshotOf(execution: WorkflowExecution): WorkflowExecution {
  return { ...execution, errors: [...execution.errors], steps: Object.fromEntries(Object.entries(execution.steps).map(([name, run]) => [name, { ...run }])) };
}

export { LIVE as LIVE_EXECUTION_STATUSES };
