// The Projects dashboard: every registered project with its workflows' health (missing folders shown, not dropped),
// and one project's history for its page.
import { existsSync } from 'node:fs';
import type { DailyRuns, ProjectCard, ProjectHistory } from '../../../shared/dashboard.js';
import type { ExecutionStatus, Project } from '../../../shared/model.js';
import type { ProjectManager } from './project-manager.js';
import type { Db } from '../store/database.js';
import { HEALTHY_RUN_SQL } from '../store/run-rows.js';
import { emptyDays, workflowHealth, type StatsWindow } from '../store/project-stats.js';
import { baseName, workflowFiles } from '../workflows/find-workflows.js';

/** The most run durations one history answer carries (the newest); a chart needs no more. */
const MAX_DURATIONS = 5000;

export function projectCards(db: Db, projects: ProjectManager, window: StatsWindow = {}): ProjectCard[] {
  const list = projects.listProjects();
  const health = workflowHealth(db, list.map((p) => p.id), window);
  return list.map((project) => {
    const missing = !existsSync(project.path);
    const files = missing ? [] : workflowFiles(projects.workflowsDir(project)).map(baseName);
    const byName = new Map((health.get(project.id) ?? []).map((h) => [h.workflowName, h]));
    const names = [...new Set([...files, ...byName.keys()])].sort((a, b) => a.localeCompare(b));
    return {
      project,
      missing,
      workflows: names.map((name) => ({
        ...(byName.get(name) ?? { workflowName: name, lastRun: null, runs: 0, successRate: null, medianDurationMs: null, daily: emptyDays(window) }),
        hasFile: files.includes(name),
      })),
    };
  });
}

export function projectHistory(db: Db, project: Project, window: StatsWindow = {}): ProjectHistory {
  const perWorkflow = workflowHealth(db, [project.id], window).get(project.id) ?? [];
  const daily: DailyRuns[] = emptyDays(window);
  for (const health of perWorkflow) {
    health.daily.forEach((d, i) => {
      daily[i]!.completed += d.completed;
      daily[i]!.failed += d.failed;
      daily[i]!.other += d.other;
    });
  }
  const since = Date.parse(`${daily[0]!.day}T00:00:00`);
  const rows = db.prepare(`
    SELECT execution_id, workflow_name, start_time, end_time - start_time AS duration, status FROM executions
    WHERE project_id = @projectId AND start_time >= @since AND end_time IS NOT NULL AND partial = 0 AND ${HEALTHY_RUN_SQL}
    ORDER BY start_time DESC LIMIT ${MAX_DURATIONS}`).all({ projectId: project.id, since }) as { execution_id: string; workflow_name: string; start_time: number; duration: number; status: ExecutionStatus }[];
  return {
    daily,
    durations: rows.reverse().map((row) => ({ executionId: row.execution_id, workflowName: row.workflow_name, startTime: row.start_time, durationMs: row.duration, status: row.status })),
  };
}
