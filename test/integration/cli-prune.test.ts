// Retention through the real CLI: `codomyrmex prune` and the setting-driven prune, on real databases and log files.
import { existsSync, mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { projectCards } from '../../electron/engine/projects/project-dashboard.js';
import { OrchestrationEngine } from '../../electron/engine/orchestration-engine.js';
import { cli } from '../cli.js';
import { tempDir } from '../helpers.js';

const DAY = 24 * 60 * 60 * 1000;
const wf = (name: string, command: string) => `version: 1\nname: ${name}\nsteps:\n  - { name: say, module: shell, action: run, parameters: { command: "${command}" } }\n`;

/** Runs the file through the CLI and returns the run's record. */
function runFile(home: string, file: string): { executionId: string; status: string } {
  const result = cli(['run', file, '--json'], home);
  expect(result.code === 0 || result.code === 1, result.stderr).toBe(true);
  return JSON.parse(result.stdout);
}

/** Moves a run (and its steps) `days` into the past, as if it had run then. */
function age(home: string, executionId: string, days: number): void {
  const db = new Database(join(home, 'orchestrator.db'));
  const shift = days * DAY;
  db.prepare('UPDATE executions SET start_time = start_time - ?, end_time = end_time - ? WHERE execution_id = ?').run(shift, shift, executionId);
  db.prepare('UPDATE step_runs SET start_time = start_time - ?, end_time = end_time - ? WHERE execution_id = ?').run(shift, shift, executionId);
  db.close();
}

/** A run another live process (this test) is running, started long ago: never pruned. */
function insertRunning(home: string, days: number): string {
  const db = new Database(join(home, 'orchestrator.db'));
  const id = `running-${days}`;
  db.prepare(`INSERT INTO executions (execution_id, workflow_name, status, origin, start_time, owner_pid, owner_host)
    VALUES (?, 'long', 'running', 'cli', ?, ?, ?)`).run(id, Date.now() - days * DAY, process.pid, hostname());
  db.close();
  return id;
}

const history = (home: string): { executionId: string }[] => JSON.parse(cli(['history', '--json', '--limit', '1000'], home).stdout);
const ids = (home: string): string[] => history(home).map((run) => run.executionId).sort();
const logDir = (home: string, id: string) => join(home, 'logs', id);

/** Three finished runs of "hello" (20, 10 and 0 days old) and a running one 40 days old. */
function setup() {
  const home = tempDir();
  const dir = tempDir();
  writeFileSync(join(dir, 'hello.yaml'), wf('hello', 'echo hello'));
  const [older, old, fresh] = [0, 1, 2].map(() => runFile(home, join(dir, 'hello.yaml')).executionId) as [string, string, string];
  age(home, older, 20);
  age(home, old, 10);
  const running = insertRunning(home, 40);
  for (const id of [older, old, fresh]) expect(readdirSync(logDir(home, id)).some((name) => name.endsWith('.log'))).toBe(true);
  return { home, dir, older, old, fresh, running };
}

describe('codomyrmex prune', () => {
  it('--dry-run lists exactly the old finished runs and removes nothing; without it their records and logs go', () => {
    const { home, older, old, fresh, running } = setup();
    const dry = cli(['prune', '--older-than', '7d', '--dry-run'], home);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('Would remove 2 run(s)');
    expect(dry.stdout).toContain(`${older}  hello`);
    expect(dry.stdout).toContain(`${old}  hello`);
    expect(dry.stdout).not.toContain(fresh);
    expect(dry.stdout).not.toContain(running);
    const dryJson = JSON.parse(cli(['prune', '--older-than', '1w', '--dry-run', '--json'], home).stdout);
    expect(dryJson.dryRun).toBe(true);
    expect(dryJson.runs.map((run: { executionId: string }) => run.executionId)).toEqual([older, old]);
    expect(dryJson.runs[0]).toMatchObject({ workflowName: 'hello', status: 'completed' });
    expect(ids(home)).toEqual([older, old, fresh, running].sort());
    expect(existsSync(logDir(home, older))).toBe(true);

    const done = JSON.parse(cli(['prune', '--older-than', '168h', '--json'], home).stdout);
    expect(done.runs.map((run: { executionId: string }) => run.executionId)).toEqual([older, old]);
    expect(done.removedLogFiles).toBeGreaterThanOrEqual(2);
    expect(ids(home)).toEqual([fresh, running].sort());
    expect(existsSync(logDir(home, older))).toBe(false);
    expect(existsSync(logDir(home, old))).toBe(false);
    expect(readdirSync(logDir(home, fresh)).length).toBeGreaterThan(0);
    const db = new Database(join(home, 'orchestrator.db'), { readonly: true });
    expect(db.prepare('SELECT COUNT(*) AS n FROM step_runs WHERE execution_id IN (?, ?)').get(older, old)).toEqual({ n: 0 });
    db.close();
  });

  it('0d removes every finished run but never a running one; a bad --older-than exits 2 naming it', () => {
    const { home, fresh, running } = setup();
    const text = cli(['prune', '--older-than', '0d'], home);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/Removed 3 run\(s\)/);
    expect(ids(home)).toEqual([running]);
    expect(existsSync(logDir(home, fresh))).toBe(false);
    expect(cli(['prune', '--older-than', '0d'], home).stdout).toContain('No finished runs');

    for (const bad of ['7', '7x', 'd7', '-1d', 'seven days']) {
      const result = cli(['prune', `--older-than=${bad}`, '--dry-run'], home);
      expect(result.code, bad).toBe(2);
      expect(result.stderr).toContain(`--older-than takes a whole number and a unit h, d or w (e.g. 7d, 12h, 2w, 0d), got "${bad}"`);
    }
    expect(cli(['prune', 'now'], home)).toMatchObject({ code: 2, stderr: expect.stringContaining('takes no arguments') });
    expect(ids(home)).toEqual([running]);
  });

  it('the retention setting prunes older runs once a day as a run goes, and by the logs’ total size', () => {
    const { home, dir, older, old, fresh, running } = setup();
    // The setup's first run pruned by the default (30 days: nothing to remove) and stamped it; the stamp is a day old now.
    const stamp = join(home, 'retention.stamp');
    expect(Date.now() - statSync(stamp).mtimeMs).toBeLessThan(DAY);
    const yesterday = new Date(Date.now() - DAY - 60_000);
    utimesSync(stamp, yesterday, yesterday);
    writeFileSync(join(home, 'settings.json'), JSON.stringify({ retention: { keepDays: 15 } }));
    const next = runFile(home, join(dir, 'hello.yaml')).executionId;
    expect(ids(home)).toEqual([old, fresh, running, next].sort());
    expect(existsSync(logDir(home, older))).toBe(false);
    expect(Date.now() - statSync(stamp).mtimeMs).toBeLessThan(DAY);

    // Done for today: a run aged past the setting now stays until the next day's prune.
    age(home, fresh, 30);
    runFile(home, join(dir, 'hello.yaml'));
    expect(ids(home)).toContain(fresh);

    // `prune` without --older-than applies the setting now, its size limit too: 0 bytes leaves no finished run.
    writeFileSync(join(home, 'settings.json'), JSON.stringify({ retention: { keepDays: 15, maxLogBytes: 0 } }));
    const result = JSON.parse(cli(['prune', '--json'], home).stdout);
    expect(result.runs.length).toBe(4);
    expect(ids(home)).toEqual([running]);

    writeFileSync(join(home, 'settings.json'), JSON.stringify({ retention: { keepDays: 'forever' } }));
    expect(cli(['prune', '--dry-run'], home).stderr).toContain('"retention.keepDays" must be a number of days');
  });

  it('the dashboard counts only what remains after a prune', async () => {
    const home = tempDir();
    const project = tempDir();
    mkdirSync(join(project, '.codomyrmex', 'workflows'), { recursive: true });
    const file = join(project, '.codomyrmex', 'workflows', 'check.yaml');
    const setup = new OrchestrationEngine({ home });
    setup.projectManager.addProject(project, 'shop');
    await setup.close();
    writeFileSync(file, wf('check', 'exit 3'));
    const failed = [runFile(home, file), runFile(home, file)];
    writeFileSync(file, wf('check', 'echo ok'));
    const passed = runFile(home, file);
    expect(failed.map((run) => run.status)).toEqual(['failed', 'failed']);
    for (const run of failed) age(home, run.executionId, 10);

    const health = async () => {
      const engine = new OrchestrationEngine({ home });
      try {
        return projectCards(engine.store.database, engine.projectManager)[0]!.workflows.find((w) => w.workflowName === 'check')!;
      } finally {
        await engine.close();
      }
    };
    expect(await health()).toMatchObject({ runs: 3, successRate: 1 / 3 });
    expect(cli(['prune', '--older-than', '7d'], home).code).toBe(0);
    const after = await health();
    expect(after).toMatchObject({ runs: 1, successRate: 1, lastRun: { executionId: passed.executionId } });
    expect(after.daily.reduce((sum, day) => sum + day.completed + day.failed + day.other, 0)).toBe(1);
  });

  it('a re-run of a pruned run still reads whole, the steps it kept with their logs', () => {
    const home = tempDir();
    const dir = tempDir();
    writeFileSync(join(dir, 'flaky.yaml'), `version: 1\nname: flaky\nsteps:
  - { name: build, module: shell, action: run, parameters: { command: "echo built" } }
  - { name: test, module: shell, action: run, dependencies: [build], parameters: { command: "test -f fixed" } }\n`);
    const first = runFile(home, join(dir, 'flaky.yaml'));
    writeFileSync(join(dir, 'fixed'), '');
    const again = cli(['rerun', first.executionId, '--from-failed', '--json'], home);
    const rerun = JSON.parse(again.stdout);
    expect(rerun.steps.build.reusedFrom).toBe(first.executionId);
    age(home, first.executionId, 10);
    expect(JSON.parse(cli(['prune', '--older-than', '7d', '--json'], home).stdout).runs).toHaveLength(1);
    expect(ids(home)).toEqual([rerun.executionId]);

    const engine = new OrchestrationEngine({ home });
    try {
      const read = engine.store.getExecution(rerun.executionId)!;
      expect(read).toMatchObject({ status: 'completed', rerunOf: first.executionId });
      expect(read.steps.build).toMatchObject({ status: 'succeeded', reusedFrom: first.executionId });
      // The kept step's log lives in the pruned run's folder: it stays, since this run still shows it.
      expect(existsSync(read.steps.build!.logPath!)).toBe(true);
      expect(existsSync(read.steps.test!.logPath!)).toBe(true);
    } finally {
      void engine.close();
    }
  });
});
