// The dashboard's figures the straightforward way (every run row of the window, read and counted): the oracle the run
// summary's fast answer (electron/engine/store/project-stats.ts) must equal exactly. Kept as it was before the summary
// (its calendar helpers, shared with the fast answer, are tested on their own in project-stats.test.ts).
import type { WorkflowHealth } from '../../../../shared/dashboard.js';
import type { ExecutionStatus } from '../../../../shared/model.js';
import type { Db } from '../../../../electron/engine/store/database.js';
import { median } from '../../../../electron/engine/store/median.js';
import { READABLE_RUN_SQL } from '../../../../electron/engine/store/run-rows.js';
import { dayIndex, formatDay, healthEntry, lastDayStarts, type LastRow, type StatsWindow } from '../../../../electron/engine/store/project-stats.js';

interface WindowRow {
  project_id: string;
  workflow_name: string;
  status: ExecutionStatus;
  start_time: number;
  duration: number | null;
  partial: boolean;
}

/** Health of every workflow that has runs, by project id. One pass over the window, one indexed query for last runs. */
export function straightWorkflowHealth(db: Db, projectIds: readonly string[], window: StatsWindow = {}): Map<string, WorkflowHealth[]> {
  const now = window.now ?? Date.now();
  const days = window.days ?? 30;
  const dayStarts = lastDayStarts(now, days);
  const dayList = dayStarts.map(formatDay);
  const since = dayStarts[0]!;
  const result = new Map<string, Map<string, WorkflowHealth>>(projectIds.map((id) => [id, new Map()]));
  if (projectIds.length === 0) return new Map();
  const ids = JSON.stringify(projectIds);

  // Raw rows (arrays, not objects): tens of thousands of them are the bulk of the dashboard's cost.
  const rows = (db.prepare(`
    SELECT project_id, workflow_name, status, start_time, end_time - start_time, partial
    FROM executions
    WHERE start_time >= @since AND project_id IN (SELECT value FROM json_each(@ids)) AND ${READABLE_RUN_SQL}`).raw().all({ since, ids }) as [string, string, ExecutionStatus, number, number | null, number][])
    .map(([project_id, workflow_name, status, start_time, duration, partial]): WindowRow => ({ project_id, workflow_name, status, start_time, duration, partial: partial === 1 }));
  const durations = new Map<WorkflowHealth, { all: number[]; byDay: Map<string, number[]> }>();
  for (const row of rows) {
    // Local days computed here, not by SQLite's 'localtime', which costs a time-zone lookup per row.
    const index = dayIndex(dayStarts, row.start_time);
    const health = healthEntry(result, row.project_id, row.workflow_name, dayList);
    health.runs++;
    const daily = health.daily[index]!;
    if (row.partial) daily.other++;
    else if (row.status === 'completed') daily.completed++;
    else if (row.status === 'failed') daily.failed++;
    else daily.other++;
    if (row.status === 'completed' && !row.partial && row.duration !== null) {
      const bucket: { all: number[]; byDay: Map<string, number[]> } = durations.get(health) ?? { all: [], byDay: new Map() };
      bucket.all.push(row.duration);
      const sameDay = bucket.byDay.get(daily.day);
      if (sameDay === undefined) bucket.byDay.set(daily.day, [row.duration]);
      else sameDay.push(row.duration);
      durations.set(health, bucket);
    }
  }
  for (const [health, bucket] of durations) {
    health.medianDurationMs = median(bucket.all);
    for (const daily of health.daily) daily.medianMs = median(bucket.byDay.get(daily.day) ?? []);
  }
  for (const projectHealth of result.values()) {
    for (const health of projectHealth.values()) {
      const finished = health.daily.reduce((sum, d) => sum + d.completed + d.failed, 0);
      const completed = health.daily.reduce((sum, d) => sum + d.completed, 0);
      health.successRate = finished === 0 ? null : completed / finished;
    }
  }

  // The newest run of each workflow, whenever it was (the window may hold none): the newest start of each pair from the
  // (project, workflow, start) index alone, then that one row of each.
  const newest = db.prepare(`
    SELECT project_id, workflow_name, MAX(start_time) AS start_time
    FROM executions WHERE project_id IN (SELECT value FROM json_each(@ids)) AND typeof(start_time) = 'integer'
    GROUP BY project_id, workflow_name`).raw().all({ ids }) as [string, string, number][];
  const row = db.prepare(`
    SELECT project_id, workflow_name, execution_id, status, start_time, end_time FROM executions
    WHERE project_id = ? AND workflow_name = ? AND start_time = ? LIMIT 1`);
  const last = newest.map((key) => row.get(...key) as LastRow);
  for (const row of last) {
    healthEntry(result, row.project_id, row.workflow_name, dayList).lastRun = {
      executionId: row.execution_id,
      status: row.status,
      startTime: row.start_time,
      durationMs: typeof row.end_time !== 'number' ? null : row.end_time - row.start_time,
    };
  }
  return new Map([...result].map(([id, byWorkflow]) => [id, [...byWorkflow.values()].sort((a, b) => a.workflowName.localeCompare(b.workflowName))]));
}
