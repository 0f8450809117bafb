// Fault suite, processes: a terminal's Ctrl-C (and SIGTERM, SIGHUP, SIGKILL) to the process group of `run`, `serve`
// and `mcp` while every step holds a process tree that left its group (`setsid`, `timeout`); the monitor and cancel
// following that tree. Real processes and signals; every CLI leads its own group, as a terminal starts it.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isAlive } from '../../electron/engine/processes/process-liveness.js';
import { inGroup, killAll, MARK, marked, treesWorkflow } from '../../scripts/process-trees.mjs';
import { BIN, cli } from '../cli.js';
import { newEngine, run, sh, tempDir, workflow } from '../helpers.js';
import { writeWorkflow } from './run-api.js';
import { request, serve } from './serve-process.js';

const STEPS = 10;

const started: { mark: string }[] = [];
afterEach(() => {
  // Whatever a failed assertion left running goes with the test.
  for (const { mark } of started.splice(0)) killAll(marked(mark));
});

function newMark(): string {
  const mark = randomUUID();
  started.push({ mark });
  return mark;
}

/** Every step is up, with its `setsid`'d and `timeout`-wrapped descendants running. */
async function treesUp(dir: string, mark: string, steps = STEPS): Promise<void> {
  await expect.poll(() => readdirSync(dir).filter((name) => name.startsWith('up-')).length, { timeout: 20_000, interval: 50 }).toBe(steps);
  await expect.poll(() => marked(mark).filter((p) => p.command === 'timeout').length, { timeout: 5000, interval: 50 }).toBe(steps);
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));
}

function collect(stream: NodeJS.ReadableStream | null): () => string {
  let text = '';
  stream?.on('data', (chunk: Buffer) => (text += String(chunk)));
  return () => text;
}

/** After the command's exit: nothing it started runs, none is left in its group, the record says cancelled. */
function expectAllGone(child: ChildProcess, mark: string, home: string, stderr: string): void {
  expect(marked(mark)).toEqual([]);
  expect(inGroup(child.pid!)).toEqual([]);
  expect(stderr).not.toMatch(/EPIPE|\n\s+at /);
  const [record] = JSON.parse(cli(['history', '--json'], home).stdout);
  expect(record.status).toBe('cancelled');
  expect(Object.values(record.steps as Record<string, { status: string }>).map((s) => s.status)).toEqual(Array(STEPS).fill('cancelled'));
}

function runDetached(dir: string, home: string, mark: string): ChildProcess {
  const file = join(dir, 'trees.yaml');
  writeFileSync(file, treesWorkflow(dir, STEPS));
  return spawn(process.execPath, [BIN, 'run', file], { env: { ...process.env, CODOMYRMEX_HOME: home, [MARK]: mark }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
}

describe.runIf(process.platform === 'linux')('signals to a command\'s process group', () => {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    it(`${signal} to \`codomyrmex run\`'s group ends every step's whole tree, exits ${code} and records the run cancelled`, async () => {
      const [dir, home, mark] = [tempDir(), tempDir(), newMark()];
      const child = runDetached(dir, home, mark);
      const stderr = collect(child.stderr);
      const stdout = collect(child.stdout);
      await treesUp(dir, mark);
      process.kill(-child.pid!, signal);
      expect(await exitOf(child)).toBe(code);
      expect(stdout()).toContain(`interrupted (${signal})`);
      expectAllGone(child, mark, home, stderr());
    });
  }

  for (const [signal, code, why] of [['SIGINT', 130, 'Ctrl-C'], ['SIGHUP', 129, 'a closed terminal']] as const) {
    it(`${signal} (${why}) to \`codomyrmex serve\`'s group cancels the run it started over the WebSocket, leaving nothing, exit ${code}`, async () => {
      const [dir, home, mark] = [tempDir(), tempDir(), newMark()];
      writeWorkflow(dir, 'trees', treesWorkflow(dir, STEPS));
      const { child, url, stderr } = await serve(dir, home, { detached: true, env: { [MARK]: mark } });
      const projectId = ((await request(url, 'app.info', {})) as { projectId: string }).projectId;
      await request(url, 'runs.start', { projectId, workflowName: 'trees' });
      await treesUp(dir, mark);
      process.kill(-child.pid!, signal);
      expect(await exitOf(child)).toBe(code);
      expect(stderr()).toContain(`stopping (${signal})`);
      expectAllGone(child, mark, home, stderr());
    });
  }

  it('SIGTERM to `codomyrmex mcp`\'s group cancels the run an agent started, leaving nothing, exit 143', async () => {
    const [dir, home, mark] = [tempDir(), tempDir(), newMark()];
    writeWorkflow(dir, 'trees', treesWorkflow(dir, STEPS));
    const child = spawn(process.execPath, [BIN, 'mcp', dir], { env: { ...process.env, CODOMYRMEX_HOME: home, [MARK]: mark }, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    const stderr = collect(child.stderr);
    const stdout = collect(child.stdout);
    const send = (message: object) => child.stdin!.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`);
    send({ id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'fault-suite', version: '1' } } });
    await expect.poll(() => stdout().includes('"id":1'), { timeout: 10_000 }).toBe(true);
    send({ method: 'notifications/initialized' });
    send({ id: 2, method: 'tools/call', params: { name: 'start_workflow', arguments: { workflow_name: 'trees' } } });
    await expect.poll(() => stdout().includes('"id":2'), { timeout: 10_000 }).toBe(true);
    await treesUp(dir, mark);
    process.kill(-child.pid!, 'SIGTERM');
    expect(await exitOf(child)).toBe(143);
    expect(stderr()).toContain('stopping (SIGTERM)');
    expectAllGone(child, mark, home, stderr());
  });

  it('SIGKILL to `codomyrmex run`\'s group leaves no step running: the process hosts see it go and end the trees', async () => {
    const [dir, home, mark] = [tempDir(), tempDir(), newMark()];
    const child = runDetached(dir, home, mark);
    await treesUp(dir, mark);
    process.kill(-child.pid!, 'SIGKILL');
    await exitOf(child);
    await expect.poll(() => marked(mark), { timeout: 3000, interval: 50 }).toEqual([]);
    expect(cli(['history', '--json'], home).stdout).toContain('"status":"interrupted"');
  });

  it('a finished command leaves no process behind, in its group or out of it', async () => {
    const [dir, home, mark] = [tempDir(), tempDir(), newMark()];
    const file = join(dir, 'quick.yaml');
    // The step ends once its daemon has left its session.
    writeFileSync(file, `version: 1\nname: quick\nsteps:\n  - { name: a, module: shell, action: run, parameters: { command: "setsid sh -c 'echo $$ > d.pid; exec sleep 60' & while [ ! -s d.pid ]; do sleep 0.05; done" } }\n`);
    const child = spawn(process.execPath, [BIN, 'run', file], { cwd: dir, env: { ...process.env, CODOMYRMEX_HOME: home, [MARK]: mark }, stdio: 'ignore', detached: true });
    expect(await exitOf(child)).toBe(0);
    expect(existsSync(join(dir, 'd.pid'))).toBe(true);
    expect(inGroup(child.pid!)).toEqual([]);
    expect(marked(mark)).toEqual([]);
  });
});

describe.runIf(process.platform === 'linux')('a step\'s process tree in the engine', () => {
  /** A step whose grandchild left its session and ignores SIGTERM, writing its pid. */
  const daemon = (then: string) => `setsid sh -c 'trap "" TERM; echo $$ > gc.pid; exec sleep 60' & ${then}`;
  const grandchild = (dir: string) => Number(readFileSync(join(dir, 'gc.pid'), 'utf8'));
  const cpuTicks = (pid: number) => {
    const fields = readFileSync(`/proc/${pid}/stat`, 'latin1').split(') ')[1]!.split(' ');
    return Number(fields[11]) + Number(fields[12]);
  };

  it('the monitor counts a `timeout`-wrapped busy loop: the CPU the loop gets (a core when idle), two processes or more', async () => {
    const [engine, dir] = [newEngine(), tempDir()];
    const handle = engine.runWorkflow(workflow([sh('busy', `timeout 15 sh -c 'echo $$ > loop.pid; while :; do :; done'`)]), { cwd: dir, origin: 'api' });
    await expect.poll(() => existsSync(join(dir, 'loop.pid')), { timeout: 10_000 }).toBe(true);
    const loop = Number(readFileSync(join(dir, 'loop.pid'), 'utf8'));
    // The loop's own CPU over the monitor's interval, read beside it: on a busy machine it gets less than a core.
    await engine.resourceMonitor.sample();
    const before = { ticks: cpuTicks(loop), at: Date.now() };
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const step = (await engine.resourceMonitor.sample()).steps.find((s) => s.step === 'busy')!;
    const own = (cpuTicks(loop) - before.ticks) / 100 / ((Date.now() - before.at) / 1000);
    expect(step.processes).toBeGreaterThanOrEqual(2);
    // How much CPU the machine gave the loop is not asserted (a rate the load decides): that the monitor saw it, and
    // close to what /proc says the loop got, is.
    expect(step.cpu).toBeGreaterThan(0);
    expect(step.cpu).toBeGreaterThanOrEqual(own * 0.7);
    engine.cancelExecution(handle.executionId);
    expect((await handle.done).status).toBe('cancelled');
    expect(isAlive(loop)).toBe(false);
  });

  it('a timeout ends a `setsid`\'d grandchild that ignores SIGTERM before the step is over', async () => {
    const dir = tempDir();
    const ex = await run(newEngine(), workflow([sh('slow', daemon('sleep 60'), { timeout: 0.5 })]), { cwd: dir });
    expect(ex.steps.slow).toMatchObject({ status: 'failed', error: 'timed out after 0.5s' });
    expect(isAlive(grandchild(dir))).toBe(false);
  });

  it('a cancel ends a `setsid`\'d grandchild that ignores SIGTERM before the run is over', async () => {
    const [engine, dir] = [newEngine(), tempDir()];
    const handle = engine.runWorkflow(workflow([sh('long', daemon('sleep 60'))]), { cwd: dir, origin: 'api' });
    await expect.poll(() => existsSync(join(dir, 'gc.pid')), { timeout: 10_000 }).toBe(true);
    engine.cancelExecution(handle.executionId);
    expect((await handle.done).status).toBe('cancelled');
    expect(isAlive(grandchild(dir))).toBe(false);
  });

  it('a step that ends leaves no `setsid`\'d daemon behind', async () => {
    const dir = tempDir();
    const ex = await run(newEngine(), workflow([sh('quick', daemon('sleep 0.2'))]), { cwd: dir });
    expect(ex.steps.quick!.status).toBe('succeeded');
    await expect.poll(() => isAlive(grandchild(dir)), { timeout: 1000, interval: 20 }).toBe(false);
  });
});
