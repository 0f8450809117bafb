import { describe, expect, it } from 'vitest';
import { newApi } from './run-api.js';

const QUICK = 'version: 1\nname: quick\nsteps:\n  - { name: one, module: control, action: noop }\n  - { name: two, module: control, action: delay, parameters: { seconds: 0.02 }, dependencies: [one] }\n';
const BAD = 'version: 1\nname: bad\nsteps:\n  - { name: boom, module: shell, action: run, parameters: { command: "exit 3" } }\n';

describe('run history', () => {
  it('filters by workflow, status, session, origin and start time, newest first, page by page', async () => {
    const { call, start, finished, engine } = newApi({ quick: QUICK, bad: BAD });
    const session = await call('sessions.create', { name: 's' });
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await finished(await start('quick', i % 2 === 0 ? { sessionId: session.sessionId } : {}))).executionId);
    const failed = await finished(await start('bad'));
    // A run another door started (the CLI), to filter by origin.
    const cli = await engine.runWorkflowFile(failed.workflowFile!.replace('bad.yaml', 'quick.yaml'), { origin: 'cli' }).done;

    expect((await call('runs.list', { workflowName: 'quick', origin: 'app' })).map((r) => r.executionId)).toEqual([...ids].reverse());
    expect((await call('runs.list', { status: 'failed' })).map((r) => r.executionId)).toEqual([failed.executionId]);
    expect((await call('runs.list', { sessionId: session.sessionId })).map((r) => r.executionId)).toEqual([ids[2], ids[0]]);
    expect((await call('runs.list', { origin: 'cli' })).map((r) => r.executionId)).toEqual([cli.executionId]);
    expect((await call('runs.list', { workflowName: 'quick', origin: 'app', limit: 2, offset: 1 })).map((r) => r.executionId)).toEqual([ids[2], ids[1]]);
    const third = (await call('runs.get', { executionId: ids[2]! }))!;
    const since = (await call('runs.list', { since: third.startTime, origin: 'app', workflowName: 'quick' })).map((r) => r.executionId);
    expect(since).toContain(ids[2]);
    expect(since).not.toContain(ids[0]);
    const until = (await call('runs.list', { until: third.startTime, workflowName: 'quick' })).map((r) => r.executionId);
    expect(until).not.toContain(ids[2]);
    expect(until).toContain(ids[0]);
    // A list leaves the steps (and the snapshot) out; a run read alone has both.
    expect((await call('runs.list', { limit: 1 }))[0]!.steps).toEqual({});
  });

  it('gives median durations of completed runs, per run and per step', async () => {
    const { call, start, finished } = newApi({ quick: QUICK, bad: BAD });
    expect(await call('runs.stats', { workflowName: 'quick' })).toEqual({ runs: 0, medianDurationMs: null, stepMedianMs: {} });
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await finished(await start('quick')));
    await finished(await start('bad'));
    const stats = await call('runs.stats', { workflowName: 'quick' });
    const durations = runs.map((r) => r.endTime! - r.startTime).sort((a, b) => a - b);
    expect(stats.runs).toBe(3);
    expect(stats.medianDurationMs).toBe(durations[1]);
    expect(Object.keys(stats.stepMedianMs).sort()).toEqual(['one', 'two']);
    expect(stats.stepMedianMs.two).toBeGreaterThanOrEqual(15);
    expect((await call('runs.stats', { workflowName: 'quick', limit: 1 })).runs).toBe(1);
    expect((await call('runs.stats', { workflowName: 'bad' })).runs).toBe(0);
  });

  it('shows an old run with the workflow it ran, even after the file changed; runs recorded before snapshots have none', async () => {
    const { call, start, finished, engine } = newApi({ quick: QUICK });
    const run = await finished(await start('quick'));
    const { writeFileSync } = await import('node:fs');
    writeFileSync(run.workflowFile!, QUICK.replace('name: two', 'name: three').replace('[one]', '[one]'));
    const detail = (await call('runs.get', { executionId: run.executionId }))!;
    expect(detail.workflow?.steps.map((s) => s.name)).toEqual(['one', 'two']);
    expect(detail.rerunOf).toBeNull();
    engine.store.database.prepare('UPDATE executions SET workflow = NULL WHERE execution_id = ?').run(run.executionId);
    expect((await call('runs.get', { executionId: run.executionId }))!.workflow).toBeNull();
    expect(await call('runs.get', { executionId: 'no-such-run' })).toBeNull();
  });
});

describe('the run store', () => {
  it('migrates a database an older version wrote: its runs read back with no snapshot and no re-run link', async () => {
    const { join } = await import('node:path');
    const { openDatabase } = await import('../../electron/engine/store/database.js');
    const { tempDir, newEngine } = await import('../helpers.js');
    const home = tempDir('codomyrmex-home-');
    // Make a version-1 database: today's schema without what later versions added.
    const db = openDatabase(join(home, 'orchestrator.db'));
    const current = db.pragma('user_version', { simple: true });
    db.exec('DROP TRIGGER run_figures_after_insert; DROP TRIGGER run_figures_after_update; DROP TRIGGER run_figures_after_delete; DROP TABLE run_figures; DROP TABLE run_pairs; DROP INDEX executions_by_project_workflow; DROP INDEX executions_by_session; ALTER TABLE executions DROP COLUMN workflow; ALTER TABLE executions DROP COLUMN rerun_of; ALTER TABLE executions DROP COLUMN partial; ALTER TABLE executions DROP COLUMN outcome; ALTER TABLE step_runs DROP COLUMN reused_from; ALTER TABLE projects DROP COLUMN status_follows_runs; ALTER TABLE projects DROP COLUMN last_status_change; ALTER TABLE executions DROP COLUMN performance; ALTER TABLE step_runs DROP COLUMN worker; ALTER TABLE executions DROP COLUMN selection; DROP INDEX executions_by_parent; ALTER TABLE executions DROP COLUMN parent_execution_id; ALTER TABLE executions DROP COLUMN parent_step; ALTER TABLE step_runs DROP COLUMN child; ALTER TABLE step_runs DROP COLUMN cache_key; ALTER TABLE step_runs DROP COLUMN cache_miss; ALTER TABLE step_runs DROP COLUMN output_hash; PRAGMA user_version = 1;');
    db.prepare(`INSERT INTO executions (execution_id, workflow_name, status, origin, start_time, end_time) VALUES ('old', 'legacy', 'completed', 'cli', 1, 2)`).run();
    db.close();
    const engine = newEngine(home);
    const { EngineApi } = await import('../../electron/engine/api.js');
    const api = new EngineApi(engine, { mode: 'browser', version: 'test', projectId: null });
    const reply = await api.dispatch('runs.get', { executionId: 'old' });
    expect(reply).toMatchObject({ ok: true, value: { executionId: 'old', workflowName: 'legacy', workflow: null, rerunOf: null, parent: null } });
    expect(engine.store.database.pragma('user_version', { simple: true })).toBe(current);
    expect(engine.store.database.prepare(`SELECT name FROM sqlite_master WHERE name = 'executions_by_project_workflow'`).get()).toEqual({ name: 'executions_by_project_workflow' });
  });
});
