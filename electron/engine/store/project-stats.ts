// The dashboard's figures, straight from the run store: per project and workflow, the last run, the success rate
// and median duration over a window (30 days by default), and day-by-day counts for the small charts. Damaged
// records are left out; partial re-runs (steps kept from an earlier run) count as `other`, outside the success rate
// and the durations, since they neither ran the whole workflow nor took its time.
import type { DailyRuns, WorkflowHealth } from '../../../shared/dashboard.js';
import type { ExecutionStatus } from '../../../shared/model.js';
import { deepFreeze } from '../deep-freeze.js';
import type { Db } from './database.js';
import { median } from './median.js';
import { RUN_KIND } from './run-figures.js';

export interface StatsWindow {
  /** Epoch ms; defaults to now. */
  now?: number;
  days?: number;
}

/** The newest run's row of a workflow, as the last run is read. */
export interface LastRow {
  project_id: string;
  workflow_name: string;
  execution_id: string;
  status: ExecutionStatus;
  start_time: number;
  end_time: number | null;
}

/**
 * Health of every workflow that has runs, by project id, from the run summary (run-figures.ts): per workflow, its newest
 * start and its window's runs as one string (start,kind,duration,…), read with one seek per workflow — not the window's
 * tens of thousands of run rows, each a row object to make (that was the bulk of the dashboard's cost).
 */
export function workflowHealth(db: Db, projectIds: readonly string[], window: StatsWindow = {}): ReadonlyMap<string, readonly WorkflowHealth[]> {
  const dayStarts = lastDayStarts(window.now ?? Date.now(), window.days ?? 30);
  // The same read again (a page load, the app's first request, a second window) while the store has not changed since:
  // the answer kept, not the window's runs read and counted again (~30 ms for 50 projects with 100,000 runs).
  const stamp = storeStamp(db);
  let kept = reads.get(db);
  if (kept?.stamp !== stamp) reads.set(db, (kept = { stamp, answers: new Map() }));
  const key = `${dayStarts[0]}|${dayStarts.length}|${projectIds.join('\0')}`;
  let answer = kept.answers.get(key);
  if (answer === undefined) {
    if (kept.answers.size >= MAX_KEPT) kept.answers.clear();
    answer = deepFreeze(readWorkflowHealth(db, projectIds, dayStarts));
    kept.answers.set(key, answer);
  }
  return answer;
}

/** Answers kept per database while it is unchanged: the dashboard's, and a project page's or two. */
const MAX_KEPT = 8;
const reads = new WeakMap<Db, { stamp: string; answers: Map<string, Map<string, WorkflowHealth[]>> }>();
const totalChanges = new WeakMap<Db, () => number>();

/**
 * Changes whenever what the store holds may have: `data_version` with every commit another connection makes (another
 * process's run, the CLI's), `total_changes()` with every row this connection writes (its own runs' records).
 */
function storeStamp(db: Db): string {
  let changes = totalChanges.get(db);
  if (changes === undefined) {
    const statement = db.prepare('SELECT total_changes()').pluck();
    totalChanges.set(db, (changes = () => statement.get() as number));
  }
  return `${db.pragma('data_version', { simple: true }) as number}:${changes()}`;
}

function readWorkflowHealth(db: Db, projectIds: readonly string[], dayStarts: readonly number[]): Map<string, WorkflowHealth[]> {
  const dayList = dayStarts.map(formatDay);
  const result = new Map<string, Map<string, WorkflowHealth>>(projectIds.map((id) => [id, new Map()]));
  if (projectIds.length === 0) return new Map();
  const pairs = db.prepare(`
    SELECT p.project_id, p.workflow_name,
      (SELECT max(start_time) FROM run_figures f WHERE f.project_id = p.project_id AND f.workflow_name = p.workflow_name),
      (SELECT group_concat(start_time || ',' || kind || ',' || ifnull(duration, ''), ',') FROM run_figures f
        WHERE f.project_id = p.project_id AND f.workflow_name = p.workflow_name AND f.start_time >= @since AND f.kind IS NOT NULL)
    FROM run_pairs p WHERE p.project_id IN (SELECT value FROM json_each(@ids))`).raw().all({ since: dayStarts[0]!, ids: JSON.stringify(projectIds) }) as [string, string, number | null, string | null][];
  // The newest run of each workflow, whenever it was (the window may hold none); the same row the run list shows.
  const newestRow = db.prepare(`
    SELECT project_id, workflow_name, execution_id, status, start_time, end_time FROM executions
    WHERE project_id = ? AND workflow_name = ? AND start_time = ? LIMIT 1`);
  for (const [projectId, workflowName, newest, runs] of pairs) {
    // A pair whose runs all went (pruned) between the trigger's cleanup and this read: nothing to show.
    if (newest === null) continue;
    const health = healthEntry(result, projectId, workflowName, dayList);
    if (runs !== null) countWindow(health, runs, dayStarts);
    const row = newestRow.get(projectId, workflowName, newest) as LastRow;
    health.lastRun = {
      executionId: row.execution_id,
      status: row.status,
      startTime: row.start_time,
      durationMs: typeof row.end_time !== 'number' ? null : row.end_time - row.start_time,
    };
  }
  return new Map([...result].map(([id, byWorkflow]) => [id, [...byWorkflow.values()].sort((a, b) => a.workflowName.localeCompare(b.workflowName))]));
}

/** Adds a workflow's window (start,kind,duration triples; see run-figures.ts) to its health: daily counts, medians, rate. */
function countWindow(health: WorkflowHealth, runs: string, dayStarts: readonly number[]): void {
  const fields = runs.split(',');
  const all: number[] = [];
  const byDay: number[][] = dayStarts.map(() => []);
  for (let i = 0; i < fields.length; i += 3) {
    // Local days computed here, not by SQLite's 'localtime', which costs a time-zone lookup per row.
    const index = dayIndex(dayStarts, Number(fields[i]));
    const daily = health.daily[index]!;
    const kind = Number(fields[i + 1]);
    health.runs++;
    if (kind === RUN_KIND.completed) {
      daily.completed++;
      if (fields[i + 2] !== '') {
        const duration = Number(fields[i + 2]);
        all.push(duration);
        byDay[index]!.push(duration);
      }
    } else if (kind === RUN_KIND.failed) daily.failed++;
    else daily.other++;
  }
  if (all.length > 0) {
    health.medianDurationMs = median(all);
    health.daily.forEach((daily, index) => (daily.medianMs = median(byDay[index]!)));
  }
  const finished = health.daily.reduce((sum, d) => sum + d.completed + d.failed, 0);
  const completed = health.daily.reduce((sum, d) => sum + d.completed, 0);
  health.successRate = finished === 0 ? null : completed / finished;
}

/** The window's days with no runs in them, oldest first: what a workflow or project without runs charts. */
export function emptyDays(window: StatsWindow = {}): DailyRuns[] {
  return lastDayStarts(window.now ?? Date.now(), window.days ?? 30).map((t) => ({ day: formatDay(t), completed: 0, failed: 0, other: 0, medianMs: null }));
}

/** The workflow's health in `result`, made (no runs yet, every day empty) the first time it is asked for. */
export function healthEntry(result: Map<string, Map<string, WorkflowHealth>>, projectId: string, workflowName: string, days: string[]): WorkflowHealth {
  const byWorkflow = result.get(projectId)!;
  let health = byWorkflow.get(workflowName);
  if (health === undefined) {
    health = { workflowName, lastRun: null, runs: 0, successRate: null, medianDurationMs: null, daily: days.map((day) => ({ day, completed: 0, failed: 0, other: 0, medianMs: null })) };
    byWorkflow.set(workflowName, health);
  }
  return health;
}

function startOfLocalDay(t: number): number {
  const date = new Date(t);
  date.setHours(0, 0, 0, 0);
  return date.getTime();
}

/** Local midnight of each of the last `count` days ending today, oldest first (days may be 23 or 25 hours long). */
export function lastDayStarts(now: number, count: number): number[] {
  const today = new Date(startOfLocalDay(now));
  return Array.from({ length: count }, (_, i) => {
    const day = new Date(today);
    day.setDate(today.getDate() - (count - 1 - i));
    return day.getTime();
  });
}

export function dayIndex(starts: readonly number[], t: number): number {
  let index = starts.length - 1;
  while (index > 0 && t < starts[index]!) index--;
  return index;
}

export function formatDay(t: number): string {
  const day = new Date(t);
  return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
}
