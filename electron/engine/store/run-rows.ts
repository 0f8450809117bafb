// Stored run rows into records, field by field: a garbled field (bad JSON, a time that is not a number, an unknown
// status) marks the run `damaged` with the reason instead of hiding it or every other run; and the SQL that keeps
// damaged runs out of the figures.
import { EXECUTION_STATUSES, SELECTION_MODES, STEP_STATUSES, type CacheMiss, type ChildRunProgress, type ExecutionStatus, type PerformanceMetrics, type RunOrigin, type RunSelection, type StepRun, type WorkerRef, type WorkflowExecution } from '../../../shared/model.js';
import { logDamagedRun } from '../logging/damaged-runs.js';

export interface ExecutionRow {
  execution_id: string;
  workflow_name: string;
  workflow_file: string | null;
  session_id: string | null;
  project_id: string | null;
  status: ExecutionStatus;
  origin: RunOrigin;
  start_time: unknown;
  end_time: unknown;
  params: string;
  errors: string;
  owner_pid: number | null;
  owner_host: string | null;
  owner_start: string | null;
  rerun_of?: string | null;
  partial?: number | null;
  outcome?: string | null;
  /** A finished run's performance metrics as JSON (read for one run, not for lists). */
  performance?: string | null;
  selection?: string | null;
  parent_execution_id?: string | null;
  parent_step?: string | null;
  /** The first step row of the run that cannot be read, found by SQL when the steps themselves are not read. */
  damaged_step?: string | null;
  cached_steps?: number;
  other_steps?: number;
}

export interface StepRow {
  execution_id: string;
  name: string;
  status: StepRun['status'];
  attempts: unknown;
  start_time: unknown;
  end_time: unknown;
  exit_code: number | null;
  error: string | null;
  outputs: string;
  reason: string | null;
  log_path: string | null;
  log_tail: string;
  reused_from?: string | null;
  worker?: string | null;
  cache_key?: string | null;
  cache_miss?: string | null;
  output_hash?: string | null;
  child?: string | null;
}

const quoted = (values: readonly string[]): string => values.map((value) => `'${value}'`).join(', ');

/** A step row every field of which reads (alias `s`). */
export const HEALTHY_STEP_SQL = `(json_valid(s.outputs) AND typeof(s.attempts) = 'integer' AND s.status IN (${quoted(STEP_STATUSES)})
  AND (s.start_time IS NULL OR typeof(s.start_time) = 'integer') AND (s.end_time IS NULL OR typeof(s.end_time) = 'integer'))`;

/**
 * A run row (of table `executions`, unaliased) whose own fields read: what the dashboard's counts check, over tens of
 * thousands of rows (its figures use nothing of the step rows, and checking each run's steps too doubled its cost).
 */
export const READABLE_RUN_SQL = `(typeof(executions.start_time) = 'integer' AND (executions.end_time IS NULL OR typeof(executions.end_time) = 'integer')
  AND json_valid(executions.params) AND json_valid(executions.errors))`;

/** A run row that reads in full, with every step row: what the per-step figures and the durations chart count. */
export const HEALTHY_RUN_SQL = `(${READABLE_RUN_SQL}
  AND NOT EXISTS (SELECT 1 FROM step_runs s WHERE s.execution_id = executions.execution_id AND NOT ${HEALTHY_STEP_SQL}))`;

/** The list's extra column naming a run's first unreadable step row. */
export const DAMAGED_STEP_COLUMN = `(SELECT s.name FROM step_runs s WHERE s.execution_id = executions.execution_id AND NOT ${HEALTHY_STEP_SQL} LIMIT 1) AS damaged_step`;

/** A list row's step counts for its cache mark (the history says "all cached" / "n cached" without loading steps). */
export const CACHE_SHARE_COLUMNS = `(SELECT COUNT(*) FROM step_runs s WHERE s.execution_id = executions.execution_id AND s.status = 'cached') AS cached_steps,
  (SELECT COUNT(*) FROM step_runs s WHERE s.execution_id = executions.execution_id AND s.status NOT IN ('cached', 'not-selected')) AS other_steps`;

export function toExecution(row: ExecutionRow, steps: StepRow[]): WorkflowExecution {
  const damage: string[] = [];
  const status = EXECUTION_STATUSES.includes(row.status) ? row.status : (damage.push(`status "${String(row.status)}" is unknown`), 'failed');
  const execution: WorkflowExecution = {
    executionId: row.execution_id,
    workflowName: row.workflow_name,
    workflowFile: row.workflow_file,
    sessionId: row.session_id,
    projectId: row.project_id,
    status,
    origin: row.origin,
    startTime: readTime(row.start_time, 'start time', damage) ?? 0,
    endTime: row.end_time === null ? null : readTime(row.end_time, 'end time', damage),
    params: readJson(row.params, 'params', damage, isObject, {}),
    errors: readJson(row.errors, 'errors', damage, isStringList, []),
    steps: Object.fromEntries(steps.map((step) => [step.name, toStepRun(step, damage)])),
    rerunOf: row.rerun_of ?? null,
    partial: row.partial === 1,
    outcome: row.outcome ?? null,
    selection: row.selection == null ? null : readJson(row.selection, 'selection', damage, isSelection, null),
    parent: row.parent_execution_id == null ? null : { executionId: row.parent_execution_id, step: row.parent_step ?? '' },
  };
  if (steps.length > 0) execution.results = Object.fromEntries(Object.entries(execution.steps).map(([name, run]) => [name, run.outputs]));
  if (row.performance !== undefined) execution.performanceMetrics = row.performance === null ? null : readJson(row.performance, 'performance', damage, isMetrics, null);
  if (steps.length === 0 && row.cached_steps !== undefined) execution.cacheShare = { cached: row.cached_steps, others: row.other_steps ?? 0 };
  if (steps.length === 0 && row.damaged_step != null) damage.push(`step "${row.damaged_step}": its stored row is unreadable`);
  if (damage.length > 0) {
    execution.damaged = `unreadable record: ${damage.join('; ')}`;
    logDamagedRun(execution.executionId, execution.workflowName, execution.damaged);
  }
  return execution;
}

function toStepRun(row: StepRow, runDamage: string[]): StepRun {
  const damage: string[] = [];
  const status = STEP_STATUSES.includes(row.status) ? row.status : (damage.push(`status "${String(row.status)}" is unknown`), 'failed');
  const run: StepRun = {
    status,
    attempts: typeof row.attempts === 'number' && Number.isInteger(row.attempts) ? row.attempts : (damage.push('attempts is not a number'), 0),
    startTime: row.start_time === null ? null : readTime(row.start_time, 'start time', damage),
    endTime: row.end_time === null ? null : readTime(row.end_time, 'end time', damage),
    exitCode: row.exit_code,
    error: row.error,
    outputs: readJson(row.outputs, 'outputs', damage, isObject, {}),
    reason: row.reason,
    logPath: row.log_path,
    logTail: row.log_tail,
    reusedFrom: row.reused_from ?? null,
    worker: row.worker == null ? null : readJson(row.worker, 'worker', damage, isWorkerRef, null),
    cacheKey: row.cache_key ?? null,
    cacheMiss: row.cache_miss == null ? null : readJson(row.cache_miss, 'cache miss', damage, isCacheMiss, null),
    child: row.child == null ? null : readJson(row.child, 'child', damage, isChildRun, null),
    outputHash: row.output_hash ?? null,
  };
  if (damage.length > 0) {
    runDamage.push(`step "${row.name}": ${damage.join(', ')}`);
    run.error = run.error ?? `unreadable record: ${damage.join(', ')}`;
  }
  return run;
}

function readTime(value: unknown, field: string, damage: string[]): number | null {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  damage.push(`${field} ${JSON.stringify(value)} is not a time`);
  return null;
}

function readJson<T>(text: string, field: string, damage: string[], valid: (value: unknown) => value is T, fallback: T): T {
  try {
    const value: unknown = JSON.parse(text);
    if (valid(value)) return value;
  } catch {
    // Reported below with the others.
  }
  damage.push(`${field} is not valid JSON of the right shape`);
  return fallback;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isMetrics(value: unknown): value is PerformanceMetrics | null {
  return isObject(value) && isObject(value.steps) && isObject(value.totals) && isObject(value.criticalPath);
}

function isWorkerRef(value: unknown): value is WorkerRef {
  return isObject(value) && typeof value.id === 'string' && typeof value.host === 'string' && typeof value.pool === 'string';
}

function isCacheMiss(value: unknown): value is CacheMiss {
  return isObject(value) && typeof value.summary === 'string' && Array.isArray(value.changes) && (value.more === undefined || typeof value.more === 'number')
    && value.changes.every((change) => isObject(change) && typeof change.kind === 'string' && typeof change.name === 'string' && typeof change.detail === 'string');
}

function isChildRun(value: unknown): value is ChildRunProgress {
  return isObject(value) && typeof value.executionId === 'string' && typeof value.workflowName === 'string'
    && EXECUTION_STATUSES.includes(value.status as ExecutionStatus) && typeof value.done === 'number' && typeof value.total === 'number';
}

function isSelection(value: unknown): value is RunSelection {
  if (!isObject(value)) return false;
  const { mode, steps, selected, sourceExecutionId } = value;
  return SELECTION_MODES.includes(mode as RunSelection['mode']) && isStringList(steps) && isStringList(selected)
    && (sourceExecutionId === null || typeof sourceExecutionId === 'string');
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
