import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../../../electron/engine/store/database.js';
import { MIGRATIONS, openDatabase } from '../../../../electron/engine/store/database.js';
import { RUN_FIGURES_MIGRATION } from '../../../../electron/engine/store/run-figures.js';
import { workflowHealth, type StatsWindow } from '../../../../electron/engine/store/project-stats.js';
import { pruneRuns, runsOlderThan } from '../../../../electron/engine/store/retention.js';
import { newEngine, tempDir } from '../../../helpers.js';
import { straightWorkflowHealth } from './straight-health.js';

const DAY = 86_400_000;
const NOW = new Date(2026, 2, 30, 14, 30).getTime(); // a window over a daylight-saving change where the zone has one
const PROJECTS = ['p1', 'p2', 'p3', 'p4'];
const WORKFLOWS = ['build', 'test', 'deploy'];
const STATUSES = ['completed', 'completed', 'completed', 'failed', 'cancelled', 'interrupted', 'running'];

const insert = (db: Db, row: Record<string, unknown>): void => {
  const full = { workflow_file: null, session_id: null, origin: 'cli', end_time: null, params: '{}', errors: '[]', partial: 0, ...row };
  db.prepare(`INSERT INTO executions (execution_id, workflow_name, workflow_file, session_id, project_id, status, origin, start_time, end_time, params, errors, partial)
    VALUES (@execution_id, @workflow_name, @workflow_file, @session_id, @project_id, @status, @origin, @start_time, @end_time, @params, @errors, @partial)`).run(full);
};

/** 1,500 runs over 60 days (a seeded sequence), with every kind of row the figures treat apart. */
function seed(db: Db): void {
  let random = 7;
  const next = (): number => ((random = (random * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
  db.transaction(() => {
    for (let i = 0; i < 1500; i++) {
      const start = Math.floor(NOW - next() * 60 * DAY);
      const status = STATUSES[Math.floor(next() * STATUSES.length)]!;
      insert(db, {
        execution_id: `r${i}`, project_id: PROJECTS[i % 3], workflow_name: WORKFLOWS[Math.floor(next() * 3)], status, start_time: start,
        end_time: status === 'running' ? null : start + 500 + Math.floor(next() * 60_000), partial: next() < 0.05 ? 1 : 0,
      });
    }
    // Two runs starting the same millisecond (the newest of its workflow), a run in the future, a completed run without
    // an end, a run of no project, a workflow whose runs are all older than the window, and damaged rows of each kind.
    insert(db, { execution_id: 'tie-a', project_id: 'p1', workflow_name: 'tied', status: 'completed', start_time: NOW - DAY, end_time: NOW - DAY + 10 });
    insert(db, { execution_id: 'tie-b', project_id: 'p1', workflow_name: 'tied', status: 'failed', start_time: NOW - DAY, end_time: NOW - DAY + 20 });
    insert(db, { execution_id: 'future', project_id: 'p2', workflow_name: 'build', status: 'completed', start_time: NOW + 3 * DAY, end_time: NOW + 3 * DAY + 5 });
    insert(db, { execution_id: 'no-end', project_id: 'p2', workflow_name: 'test', status: 'completed', start_time: NOW - 2 * DAY });
    insert(db, { execution_id: 'loose', project_id: null, workflow_name: 'build', status: 'completed', start_time: NOW - DAY, end_time: NOW });
    insert(db, { execution_id: 'old', project_id: 'p3', workflow_name: 'archive', status: 'completed', start_time: NOW - 50 * DAY, end_time: NOW - 50 * DAY + 9 });
    insert(db, { execution_id: 'bad-params', project_id: 'p1', workflow_name: 'build', status: 'completed', start_time: NOW - 3 * DAY, end_time: NOW - 3 * DAY + 7, params: '{oops' });
    insert(db, { execution_id: 'bad-errors', project_id: 'p1', workflow_name: 'test', status: 'failed', start_time: NOW - 4 * DAY, end_time: NOW - 4 * DAY + 7, errors: 'nope' });
    insert(db, { execution_id: 'bad-end', project_id: 'p2', workflow_name: 'build', status: 'completed', start_time: NOW - 5 * DAY, end_time: 'soon' });
    insert(db, { execution_id: 'bad-start', project_id: 'p2', workflow_name: 'odd', status: 'completed', start_time: 'yesterday', end_time: NOW });
    insert(db, { execution_id: 'bad-status', project_id: 'p3', workflow_name: 'test', status: 'exploded', start_time: NOW - 6 * DAY, end_time: NOW - 6 * DAY + 7 });
    insert(db, { execution_id: 'only-damaged', project_id: 'p3', workflow_name: 'broken', status: 'completed', start_time: NOW - DAY, end_time: NOW, params: '[' });
  })();
}

const WINDOWS: StatsWindow[] = [{ now: NOW }, { now: NOW, days: 7 }, { now: NOW - 20 * DAY, days: 45 }, { now: NOW + 40 * DAY }];

/** The summary's answer equals the straightforward scan's, field by field, for every window. */
function expectSameFigures(db: Db): void {
  for (const window of WINDOWS) expect(workflowHealth(db, [...PROJECTS, 'none'], window)).toEqual(straightWorkflowHealth(db, [...PROJECTS, 'none'], window));
}

describe('the run summary behind the dashboard', () => {
  it('gives exactly the figures of the straightforward scan of every run, damaged and partial runs included', () => {
    const engine = newEngine();
    const db = engine.store.database;
    seed(db);
    expectSameFigures(db);
    const p1 = workflowHealth(db, ['p1'], { now: NOW }).get('p1')!;
    // Spot checks that the comparison compares something: ties keep the row the run list shows first.
    expect(p1.find((w) => w.workflowName === 'tied')!.lastRun).toMatchObject({ executionId: 'tie-a', status: 'completed' });
    expect(p1.find((w) => w.workflowName === 'build')!.runs).toBeGreaterThan(50);
    expect(workflowHealth(db, ['p3'], { now: NOW }).get('p3')!.find((w) => w.workflowName === 'broken')).toMatchObject({ runs: 0, lastRun: { executionId: 'only-damaged' } });
  });

  it('stays exact as runs change, finish, are pruned, deleted or claimed by a project', () => {
    const engine = newEngine();
    const db = engine.store.database;
    seed(db);
    db.prepare(`UPDATE executions SET status = 'completed', end_time = start_time + 1234 WHERE status = 'running'`).run();
    db.prepare(`UPDATE executions SET params = '{}' WHERE execution_id = 'bad-params'`).run();
    db.prepare(`UPDATE executions SET errors = 'broken' WHERE execution_id = 'r10'`).run();
    db.prepare(`UPDATE executions SET project_id = 'p4' WHERE execution_id = 'loose'`).run();
    expectSameFigures(db);
    const pruned = pruneRuns(db, join(engine.paths.home, 'logs'), runsOlderThan(db, NOW - 20 * DAY));
    expect(pruned.runs.length).toBeGreaterThan(300);
    expectSameFigures(db);
    // Every run of a workflow gone: it leaves the figures (and the summary's list of workflows).
    db.prepare(`DELETE FROM executions WHERE project_id = 'p1' AND workflow_name = 'deploy'`).run();
    expect(workflowHealth(db, ['p1'], { now: NOW }).get('p1')!.map((w) => w.workflowName)).not.toContain('deploy');
    expect(db.prepare(`SELECT count(*) AS n FROM run_pairs WHERE project_id = 'p1' AND workflow_name = 'deploy'`).get()).toEqual({ n: 0 });
    expectSameFigures(db);
  });

  it('follows runs written through the run store, start to end', () => {
    const engine = newEngine();
    const store = engine.store;
    const run = { executionId: 'live', workflowName: 'ci', workflowFile: null, sessionId: null, projectId: 'p1', status: 'running' as const, origin: 'app' as const, startTime: NOW - 1000, endTime: null, params: {}, errors: [], steps: {} };
    store.executionStarted(run);
    store.flush();
    expect(workflowHealth(store.database, ['p1'], { now: NOW }).get('p1')![0]).toMatchObject({ runs: 1, successRate: null, lastRun: { status: 'running', durationMs: null } });
    store.executionChanged({ ...run, status: 'completed', endTime: NOW });
    store.flush();
    expect(workflowHealth(store.database, ['p1'], { now: NOW }).get('p1')![0]).toMatchObject({ runs: 1, successRate: 1, medianDurationMs: 1000, lastRun: { status: 'completed', durationMs: 1000 } });
    expectSameFigures(store.database);
  });

  it('is built once from the runs a database already held when it is opened by this version', () => {
    const file = join(tempDir(), 'orchestrator.db');
    const old = openDatabase(file);
    seed(old);
    // As a version before the summary left it: no summary, its runs written without the triggers.
    old.exec('DROP TRIGGER run_figures_after_insert; DROP TRIGGER run_figures_after_update; DROP TRIGGER run_figures_after_delete; DELETE FROM run_figures; DELETE FROM run_pairs;');
    insert(old, { execution_id: 'unsummarised', project_id: 'p4', workflow_name: 'late', status: 'completed', start_time: NOW - DAY, end_time: NOW });
    // What the migrations after the summary's added goes too, so that they all run again.
    old.exec('ALTER TABLE step_runs DROP COLUMN output_hash');
    expect(MIGRATIONS.slice(MIGRATIONS.indexOf(RUN_FIGURES_MIGRATION) + 1)).toEqual(['ALTER TABLE step_runs ADD COLUMN output_hash TEXT;']);
    old.pragma(`user_version = ${MIGRATIONS.indexOf(RUN_FIGURES_MIGRATION)}`);
    old.close();
    const db = openDatabase(file);
    expect(db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'run_figures_%'`).get()).toEqual({ n: 3 });
    expect(workflowHealth(db, ['p4'], { now: NOW }).get('p4')![0]).toMatchObject({ workflowName: 'late', runs: 1 });
    expectSameFigures(db);
    db.close();
  });
});
