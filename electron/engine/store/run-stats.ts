// Durations of a workflow's past completed runs (median per run and per step), for a running run's estimate. Partial
// re-runs (steps kept from an earlier run) and damaged records are left out: neither says how long a run takes.
import type { RunStats } from '../../../shared/ipc.js';
import type { Db } from './database.js';
import { median } from './median.js';
import { HEALTHY_RUN_SQL } from './run-rows.js';

export interface RunStatsQuery {
  workflowName: string;
  projectId?: string;
  /** How many of the latest completed runs to look at (default 20): recent runs predict the next one best. */
  limit?: number;
}

export function runStats(db: Db, query: RunStatsQuery): RunStats {
  const runs = db.prepare(`SELECT execution_id AS id, end_time - start_time AS ms FROM executions
      WHERE workflow_name = @workflowName AND status = 'completed' AND end_time IS NOT NULL AND partial = 0
        AND (@projectId IS NULL OR project_id = @projectId) AND ${HEALTHY_RUN_SQL}
      ORDER BY start_time DESC LIMIT @limit`)
    .all({ workflowName: query.workflowName, projectId: query.projectId ?? null, limit: query.limit ?? 20 }) as { id: string; ms: number }[];
  if (runs.length === 0) return { runs: 0, medianDurationMs: null, stepMedianMs: {} };
  const perStep = new Map<string, number[]>();
  const steps = db.prepare(`SELECT name, end_time - start_time AS ms FROM step_runs
      WHERE execution_id = ? AND status = 'succeeded' AND start_time IS NOT NULL AND end_time IS NOT NULL`);
  for (const run of runs) {
    for (const step of steps.all(run.id) as { name: string; ms: number }[]) {
      let list = perStep.get(step.name);
      if (list === undefined) perStep.set(step.name, (list = []));
      list.push(step.ms);
    }
  }
  const stepMedianMs: Record<string, number> = {};
  for (const [name, list] of perStep) stepMedianMs[name] = median(list)!;
  return { runs: runs.length, medianDurationMs: median(runs.map((run) => run.ms)), stepMedianMs };
}
