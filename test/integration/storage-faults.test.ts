// Storage faults with real files and real processes: a full disk, a garbled or truncated database (at start and while
// `serve` runs), a broken settings file and damaged run rows are reported, never fatal, and lose nothing they need not.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProjectCard } from '../../shared/dashboard.js';
import type { AppInfo, RunDetail } from '../../shared/ipc.js';
import type { WorkflowExecution } from '../../shared/model.js';
import { cli } from '../cli.js';
import { newEngine, tempDir } from '../helpers.js';
import { apiOn, writeWorkflow } from './run-api.js';
import { reply, request, serve, type Served } from './serve-process.js';

const QUICK = 'version: 1\nname: quick\nsteps:\n  - { name: one, module: shell, action: run, parameters: { command: "echo one" } }\n  - { name: two, module: control, action: noop, dependencies: [one] }\n';
/** Writes a log line every 20 ms for about 1.5 s. */
const CHATTY = 'version: 1\nname: chatty\nsteps:\n  - { name: talk, module: shell, action: run, parameters: { command: "for i in $(seq 1 75); do echo line $i; sleep 0.02; done; true" } }\n';

const servers: Served[] = [];
const mounts: string[] = [];
afterEach(async () => {
  for (const { child } of servers.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  }
  for (const dir of mounts.splice(0)) spawnSync('umount', ['-l', dir]);
});

async function served(dir: string, home: string): Promise<Served & { projectId: string }> {
  const server = await serve(dir, home);
  servers.push(server);
  const info = (await request(server.url, 'app.info', {})) as AppInfo;
  return { ...server, projectId: info.projectId! };
}

async function finished(url: URL, executionId: string): Promise<RunDetail> {
  let detail: RunDetail | null = null;
  await expect.poll(async () => {
    detail = (await request(url, 'runs.get', { executionId })) as RunDetail | null;
    return detail !== null && detail.endTime !== null;
  }, { timeout: 15_000, interval: 50 }).toBe(true);
  return detail!;
}

const notices = async (url: URL): Promise<string[]> => ((await request(url, 'app.info', {})) as AppInfo).notices!.map((notice) => notice.message);
const asideCopies = (home: string): string[] => readdirSync(home).filter((name) => /^orchestrator\.db\.corrupt-[\dTZ-]+$/.test(name));

/** A small tmpfs for the data folder, or why the machine cannot have one. */
function smallDisk(): { dir: string } | { skip: string } {
  const dir = tempDir('codomyrmex-tmpfs-');
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', dir], { encoding: 'utf8' });
  if (mounted.status !== 0) return { skip: `cannot mount a tmpfs here (${(mounted.stderr || mounted.error?.message || 'mount failed').trim()})` };
  mounts.push(dir);
  return { dir };
}

/** A small tmpfs as the data folder with one completed run of `quick` in it, or why the machine cannot have one. */
function diskWithARun(): { home: string; project: string; file: string } | { skip: string } {
  const disk = smallDisk();
  if ('skip' in disk) return disk;
  const project = tempDir('codomyrmex-project-');
  const file = writeWorkflow(project, 'quick', QUICK);
  expect(cli(['run', file], disk.dir).code).toBe(0);
  return { home: disk.dir, project, file };
}

/** Fills the disk to the last byte; returns the file that does it. */
function fill(dir: string): string {
  const file = join(dir, 'filler');
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(64 * 1024, 120);
  try {
    for (;;) writeSync(fd, chunk);
  } catch {
    // ENOSPC: full.
  }
  try {
    for (;;) writeSync(fd, chunk, 0, 512);
  } catch {
    // Full to the last block.
  }
  closeSync(fd);
  return file;
}

describe('a full disk under serve', () => {
  it('keeps serving: the run is marked, the user told, and the records are written once space is freed', async (context) => {
    const disk = smallDisk();
    if ('skip' in disk) return context.skip(disk.skip);
    const home = disk.dir;
    const project = tempDir('codomyrmex-project-');
    writeWorkflow(project, 'chatty', CHATTY);
    const { url, projectId, stderr } = await served(project, home);
    const { executionId } = (await request(url, 'runs.start', { projectId, workflowName: 'chatty' })) as { executionId: string };
    await new Promise((resolve) => setTimeout(resolve, 200));
    const filler = fill(home);

    await expect.poll(() => notices(url), { timeout: 10_000 }).toContainEqual(expect.stringMatching(`could not save run records to ${join(home, 'orchestrator.db')}: the disk is full`));
    await expect.poll(stderr).toContain('could not save run records');
    // Still answering, the unsaved run included, marked with the fault.
    const listed = (await request(url, 'runs.list', { projectId })) as WorkflowExecution[];
    expect(listed.map((run) => run.executionId)).toContain(executionId);
    const during = (await request(url, 'runs.get', { executionId })) as RunDetail;
    expect(during.errors).toContainEqual(expect.stringMatching(/^storage: the record could not be saved as the run went \(the disk is full/));
    expect(((await request(url, 'projects.dashboard', {})) as ProjectCard[]).length).toBeGreaterThan(0);

    rmSync(filler);
    await expect.poll(() => notices(url), { timeout: 10_000 }).toContainEqual(expect.stringMatching(/^run records are saved again to .* \(they could not be saved for \d+ s\)$/));
    const done = await finished(url, executionId);
    expect(done.steps.talk!.status).toMatch(/^(succeeded|failed)$/);
    // Written to the file: another process reads the run, fault and all.
    const history = JSON.parse(cli(['history', '--json'], home).stdout) as { executionId: string; status: string; errors: string[] }[];
    const saved = history.find((run) => run.executionId === executionId)!;
    expect(saved.status).toBe(done.status);
    expect(saved.errors[0]).toMatch(/^storage: the record could not be saved as the run went/);
  });
});

describe('a full disk before the command starts', () => {
  it('history still reads, a run runs and says the disk is full where it cannot write, and all is saved once space is freed', async (context) => {
    const disk = diskWithARun();
    if ('skip' in disk) return context.skip(disk.skip);
    const { home, file } = disk;
    const db = join(home, 'orchestrator.db');
    const filler = fill(home);

    // SQLite cannot make the shared-memory file every first opener makes: the file opens for this process alone.
    const history = cli(['history', '--json'], home);
    expect(history.code).toBe(0);
    expect(JSON.parse(history.stdout)).toEqual([expect.objectContaining({ workflowName: 'quick', status: 'completed' })]);
    expect(history.stderr).toContain(`codomyrmex: the disk is full: 0 bytes free where ${home} is (disk I/O error): the run database ${db} is open to this process alone until space is freed`);

    const run = cli(['run', file], home);
    expect(run.code).toBe(1);
    // The step's output goes to its log on the full disk: `echo` fails, and the step says why.
    expect(run.stdout).toMatch(/✗ one .*command exited with code 1 \(its output could not be written: the disk is full: 0 bytes free where .* is\)/);
    expect(run.stderr).toContain(`could not save run records to ${db}: the disk is full`);

    rmSync(filler);
    expect(cli(['run', file], home).code).toBe(0);
    expect((JSON.parse(cli(['history', '--json'], home).stdout) as WorkflowExecution[]).map((r) => r.status)).toEqual(['completed', 'completed']);
  });

  it('serve started on it keeps the file to itself only until space is freed: then the CLI reads it too', async (context) => {
    const disk = diskWithARun();
    if ('skip' in disk) return context.skip(disk.skip);
    const { home, project } = disk;
    // Registered before the disk fills (registering is a write).
    const first = await served(project, home);
    first.child.kill('SIGINT');
    await new Promise((resolve) => first.child.once('exit', resolve));
    const filler = fill(home);
    const { url, projectId } = await served(project, home);
    expect(await notices(url)).toContainEqual(expect.stringContaining('is open to this process alone until space is freed'));
    // Meanwhile another process waits for the lock (5 s), then says who holds it.
    const waiting = cli(['history', '--json'], home);
    expect(waiting.code).toBe(1);
    expect(waiting.stderr).toContain('another process holds the database locked');

    rmSync(filler);
    // The next use after a few seconds finds room and shares the file again.
    // The dashboard's read uses the file inside another use (the registry's list of projects): the one that finds room
    // must not close the file under the other, failing the dashboard's request.
    const failed: string[] = [];
    await expect.poll(async () => {
      await request(url, 'projects.dashboard', {}).catch((error: unknown) => failed.push(String(error)));
      return notices(url);
    }, { timeout: 15_000, interval: 500 }).toContainEqual(expect.stringMatching(/is shared with other codomyrmex processes again$/));
    expect(failed).toEqual([]);
    const history = cli(['history', '--json'], home);
    expect(history.code).toBe(0);
    expect(JSON.parse(history.stdout)).toHaveLength(1);
    // serve's own next uses open it again, shared: a run from the app is saved where the CLI reads it.
    const { executionId } = (await request(url, 'runs.start', { projectId, workflowName: 'quick' })) as { executionId: string };
    expect((await finished(url, executionId)).status).toBe('completed');
    expect((JSON.parse(cli(['history', '--json'], home).stdout) as WorkflowExecution[]).map((run) => run.executionId)).toContain(executionId);
    expect(await notices(url)).not.toContainEqual(expect.stringContaining('not open'));
  });

  it('a read-only one: the command says so, naming the folder (code storage-error)', async (context) => {
    const disk = diskWithARun();
    if ('skip' in disk) return context.skip(disk.skip);
    const { home } = disk;
    expect(spawnSync('mount', ['-o', 'remount,ro', home]).status).toBe(0);
    const result = cli(['history', '--json'], home);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`codomyrmex: cannot use the run database ${join(home, 'orchestrator.db')}: the disk holding ${home} is read-only (unable to open database file)`);
    expect(JSON.parse(result.stdout).error.code).toBe('storage-error');
  });

  it('a data folder with no database yet: one line names the file and the full disk (code storage-error)', async (context) => {
    const disk = smallDisk();
    if ('skip' in disk) return context.skip(disk.skip);
    fill(disk.dir);
    const home = join(disk.dir, 'home');
    const result = cli(['history', '--json'], home);
    expect(result.code).toBe(1);
    const db = join(home, 'orchestrator.db');
    expect(result.stderr.trim().split('\n')).toContain(`codomyrmex: cannot use the run database ${db}: the disk is full (database or disk is full)`);
    expect(JSON.parse(result.stdout).error).toMatchObject({ code: 'storage-error', name: 'StorageError' });
  });
});

describe('a garbled database', () => {
  it('at start: history still answers, the file is moved aside with one line naming it, and a fresh one is used', async () => {
    const home = tempDir('codomyrmex-home-');
    const project = tempDir('codomyrmex-project-');
    const file = writeWorkflow(project, 'quick', QUICK);
    expect(cli(['run', file], home).code).toBe(0);
    const db = join(home, 'orchestrator.db');
    writeFileSync(db, Buffer.alloc(statSync(db).size, 'not a database '));
    rmSync(`${db}-wal`, { force: true });

    const result = cli(['history', '--json'], home);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([]);
    const [aside] = asideCopies(home);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringContaining(`the run database ${db} was unreadable (file is not a database): moved it aside to ${join(home, aside!)} and started a fresh one`)]);
    expect(readFileSync(join(home, aside!), 'utf8')).toMatch(/^not a database /);
    expect(cli(['run', file], home).code).toBe(0);
    expect(JSON.parse(cli(['history', '--json'], home).stdout)).toHaveLength(1);
  });

  it('truncated at start: the runs before the cut are kept, and the app (serve) starts with a notice', async () => {
    const home = tempDir('codomyrmex-home-');
    const project = tempDir('codomyrmex-project-');
    const { start, finished: done, engine } = apiOn(newEngine(home), { quick: QUICK }, project);
    for (let i = 0; i < 40; i++) await done(await start('quick'));
    await engine.close();
    const db = join(home, 'orchestrator.db');
    // The last pages cut off, as a disk that filled up mid-copy leaves it.
    truncateSync(db, statSync(db).size - 2 * 4096);

    const { url, projectId } = await served(project, home);
    const [message] = await notices(url);
    expect(message).toMatch(new RegExp(`^the run database ${db} was unreadable \\(the file is truncated: \\d+ of \\d+ bytes\\): moved it aside to .*orchestrator\\.db\\.corrupt-.* and started a fresh one \\(\\d+ runs, 1 projects and 0 sessions were read from it\\)`));
    expect(asideCopies(home)).toHaveLength(1);
    const runs = (await request(url, 'runs.list', { projectId, limit: 1000 })) as WorkflowExecution[];
    expect(runs.length).toBeGreaterThan(0);
    expect(runs.length).toBeLessThanOrEqual(40);
    const { executionId } = (await request(url, 'runs.start', { projectId, workflowName: 'quick' })) as { executionId: string };
    expect((await finished(url, executionId)).status).toBe('completed');
  });

  it('while serve runs: the next write finds it, moves it aside and carries on with the run, its project and the rest', async () => {
    const home = tempDir('codomyrmex-home-');
    const project = tempDir('codomyrmex-project-');
    writeWorkflow(project, 'quick', QUICK);
    const { url, projectId, stderr } = await served(project, home);
    const first = (await request(url, 'runs.start', { projectId, workflowName: 'quick' })) as { executionId: string };
    await finished(url, first.executionId);
    const db = join(home, 'orchestrator.db');
    writeFileSync(db, Buffer.alloc(statSync(db).size, 'garbage! '));
    // Commits look at the file's header at most once a second.
    await new Promise((resolve) => setTimeout(resolve, 1100));

    const second = (await request(url, 'runs.start', { projectId, workflowName: 'quick' })) as { executionId: string };
    expect((await finished(url, second.executionId)).status).toBe('completed');
    expect(await notices(url)).toContainEqual(expect.stringContaining(`the run database ${db} was unreadable (file is not a database): moved it aside to`));
    await expect.poll(stderr).toContain(`the run database ${db} was unreadable`);
    expect(asideCopies(home)).toHaveLength(1);
    // The fresh file holds the run and the project, for this process and the next.
    expect(((await request(url, 'projects.list', {})) as { id: string }[]).map((p) => p.id)).toContain(projectId);
    const history = JSON.parse(cli(['history', '--json'], home).stdout) as { executionId: string }[];
    expect(history.map((run) => run.executionId)).toContain(second.executionId);
  });
});

describe('a broken settings.json', () => {
  it('is kept as it is, copied beside itself, reported, and never overwritten by the next change', async () => {
    const home = tempDir('codomyrmex-home-');
    mkdirSync(home, { recursive: true });
    const settings = join(home, 'settings.json');
    const text = '{ "resources": [ { "id": "gpu", "capacity": 2 }, { "id": "db", "capacity": 4 } ]\n';
    writeFileSync(settings, text);
    const { url } = await served(tempDir('codomyrmex-project-'), home);
    expect(await notices(url)).toContainEqual(expect.stringContaining(`the settings file ${settings} is not valid JSON`));
    const refused = await reply(url, 'resources.define', { id: 'lab', capacity: 1 });
    expect(refused).toMatchObject({ ok: false, error: { message: expect.stringContaining(`cannot save the settings: ${settings} is not valid JSON`) } });
    expect(readFileSync(settings, 'utf8')).toBe(text);
    const copies = readdirSync(home).filter((name) => name.startsWith('settings.json.bad-'));
    expect(copies).toHaveLength(1);
    expect(readFileSync(join(home, copies[0]!), 'utf8')).toBe(text);
  });
});

describe('a damaged run row', () => {
  it('is shown as damaged by history and runs.list, left out of the figures, and the other runs read as before', async () => {
    const home = tempDir('codomyrmex-home-');
    const project = tempDir('codomyrmex-project-');
    const file = writeWorkflow(project, 'quick', QUICK);
    const { call, project: registered } = apiOn(newEngine(home), {}, project);
    for (let i = 0; i < 4; i++) expect(cli(['run', file], home).code).toBe(0);
    const db = new Database(join(home, 'orchestrator.db'));
    const ids = (db.prepare('SELECT execution_id FROM executions ORDER BY start_time').all() as { execution_id: string }[]).map((row) => row.execution_id);
    db.prepare(`UPDATE executions SET params = '{"target": ' WHERE execution_id = ?`).run(ids[0]);
    db.prepare(`UPDATE executions SET end_time = 'yesterday' WHERE execution_id = ?`).run(ids[1]);
    db.prepare(`UPDATE step_runs SET outputs = 'not json' WHERE execution_id = ? AND name = 'one'`).run(ids[2]);
    db.close();

    const result = cli(['history', '--json'], home);
    expect(result.code).toBe(0);
    const history = JSON.parse(result.stdout) as { executionId: string; damaged?: string }[];
    expect(history.map((run) => run.executionId).sort()).toEqual([...ids].sort());
    const damage = Object.fromEntries(history.map((run) => [run.executionId, run.damaged ?? null]));
    expect(damage[ids[0]!]).toBe('unreadable record: params is not valid JSON of the right shape');
    expect(damage[ids[1]!]).toBe('unreadable record: end time "yesterday" is not a time');
    expect(damage[ids[2]!]).toBe('unreadable record: step "one": outputs is not valid JSON of the right shape');
    expect(damage[ids[3]!]).toBeNull();
    expect(cli(['history'], home).stdout).toMatch(/completed \(damaged\)/);

    const listed = await call('runs.list', {});
    expect(listed.filter((run) => run.damaged != null).map((run) => run.executionId).sort()).toEqual(ids.slice(0, 3).sort());
    expect((await call('runs.get', { executionId: ids[2]! }))!.steps.two!.status).toBe('succeeded');
    expect((await call('runs.stats', { workflowName: 'quick' })).runs).toBe(1);
    // The dashboard's counts read each run's own row: the run whose row is garbled is left out; the one with a garbled
    // step row still has a readable status and duration, and counts.
    const card = (await call('projects.dashboard', {})).find((c) => c.project.id === registered.id)!;
    expect(card.workflows.find((w) => w.workflowName === 'quick')).toMatchObject({ runs: 2, successRate: 1 });
    expect((await call('projects.history', { projectId: registered.id })).durations.map((d) => d.executionId)).toEqual([ids[3]]);
  });
});
