import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HostReply } from '../../../electron/engine/processes/process-host.js';
import { ProcessHostClient, forkHost, setHostLauncher } from '../../../electron/engine/processes/process-host-client.js';
import { isAlive } from '../../../electron/engine/processes/process-liveness.js';
import { ENGINE_PID_ENV, UTILITY_DISCONNECT } from '../../../electron/main/utility-host-channel.js';
import { utilityHostLauncher } from '../../../electron/main/utility-host-launcher.js';
import { tempDir } from '../../helpers.js';
import { FakeUtilityProcess, resetFakeElectron, utilityProcess } from './fake-electron.js';
import { launch } from './launch.js';

vi.mock('electron', () => import('./fake-electron.js'));
vi.mock('electron-store', () => import('./fake-electron-store.js'));

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const HOST_SCRIPT = join(ROOT, 'dist', 'process-host.js');
const ADAPTER = join(ROOT, 'dist', 'electron', 'utility-host.js');

let client: ProcessHostClient | null = null;
beforeEach(() => {
  resetFakeElectron();
  utilityProcess.fork.mockClear();
});
afterEach(() => {
  client?.close();
  client = null;
  setHostLauncher(null);
});

/** A shell command that leaves a background grandchild, writing both pids: the tree a step can hold. */
function treeCommand(dir: string) {
  return { file: `sleep 60 & echo $! > ${join(dir, 'child.pid')}; echo $$ > ${join(dir, 'shell.pid')}; wait`, args: [], shell: true, cwd: dir, env: { ...process.env } as Record<string, string>, logPath: join(dir, 'step.log') };
}

async function treePids(dir: string): Promise<number[]> {
  await vi.waitFor(() => expect(readFileSync(join(dir, 'child.pid'), 'utf8')).toMatch(/\d+/), { timeout: 10_000 });
  await vi.waitFor(() => expect(readFileSync(join(dir, 'shell.pid'), 'utf8')).toMatch(/\d+/), { timeout: 10_000 });
  return ['child.pid', 'shell.pid'].map((name) => Number(readFileSync(join(dir, name), 'utf8')));
}

describe('process hosts in Electron utility processes', () => {
  it('are forked from the adapter with the host script, main pid and stdio, and run commands over messages', async () => {
    setHostLauncher(utilityHostLauncher(ADAPTER));
    client = ProcessHostClient.start(HOST_SCRIPT)!;
    const dir = tempDir();
    const run = client.run({ file: 'echo', args: ['from a utility process'], shell: false, cwd: dir, env: { ...process.env } as Record<string, string>, logPath: join(dir, 'echo.log') });
    expect(await run.exit).toEqual({ exitCode: 0, signal: null });
    expect(readFileSync(join(dir, 'echo.log'), 'utf8')).toBe('from a utility process\n');
    expect(utilityProcess.fork).toHaveBeenCalledOnce();
    const [modulePath, args, options] = utilityProcess.fork.mock.calls[0]!;
    expect([modulePath, args]).toEqual([ADAPTER, [HOST_SCRIPT]]);
    expect(options).toMatchObject({ stdio: ['ignore', 'ignore', 'inherit'], env: { [ENGINE_PID_ENV]: String(process.pid) } });
    const fake = utilityProcess.fork.mock.results[0]!.value as FakeUtilityProcess;
    expect(fake.postMessage).toHaveBeenCalledWith(expect.objectContaining({ t: 'spawn', id: 1, file: 'echo' }));
    expect(client.ready).toBe(true);
  });

  it('end the process trees they started and exit when main disconnects them', async () => {
    setHostLauncher(utilityHostLauncher(ADAPTER));
    client = ProcessHostClient.start(HOST_SCRIPT)!;
    const dir = tempDir();
    const run = client.run(treeCommand(dir));
    const pids = await treePids(dir);
    expect(pids.every(isAlive)).toBe(true);
    const fake = utilityProcess.fork.mock.results[0]!.value as FakeUtilityProcess;
    const exited = new Promise((resolve) => fake.once('exit', resolve));
    client.close();
    expect(fake.postMessage).toHaveBeenLastCalledWith(UTILITY_DISCONNECT);
    expect(await exited).toBe(0);
    await vi.waitFor(() => expect(pids.filter(isAlive)).toEqual([]), { timeout: 5_000 });
    expect(fake.kill).not.toHaveBeenCalled();
    expect((await run.exit).startError).toBe('the process host stopped unexpectedly');
  });

  it('end their trees when main dies without a word, by watching its pid', async () => {
    const dir = tempDir();
    const main = spawn('sleep', ['60'], { stdio: 'ignore' });
    const host = new FakeUtilityProcess(ADAPTER, [HOST_SCRIPT], { env: { ...process.env, [ENGINE_PID_ENV]: String(main.pid) } as Record<string, string> });
    const replies: HostReply[] = [];
    host.on('message', (reply: HostReply) => replies.push(reply));
    const exited = new Promise((resolve) => host.once('exit', resolve));
    host.postMessage({ t: 'spawn', id: 7, ...treeCommand(dir), env: {} });
    const pids = await treePids(dir);
    expect(replies[0]).toEqual({ t: 'ready' });
    main.kill('SIGKILL');
    expect(await exited).toBe(0);
    await vi.waitFor(() => expect(pids.filter(isAlive)).toEqual([]), { timeout: 5_000 });
  });

  it('end their trees however their process exits', async () => {
    const dir = tempDir();
    const host = join(dir, 'host.mjs');
    const marker = join(dir, 'ended');
    writeFileSync(host, `import { writeFileSync } from 'node:fs';\nprocess.on('disconnect', () => writeFileSync(${JSON.stringify(marker)}, 'trees ended'));\nsetTimeout(() => process.exit(3), 100);\n`);
    const fake = new FakeUtilityProcess(ADAPTER, [host], { env: { ...process.env } as Record<string, string> });
    expect(await new Promise((resolve) => fake.once('exit', resolve))).toBe(3);
    expect(readFileSync(marker, 'utf8')).toBe('trees ended');
  });

  it('are killed when they do not exit within the grace after a disconnect', async () => {
    const dir = tempDir();
    const stubborn = join(dir, 'stubborn.mjs');
    writeFileSync(stubborn, 'process.parentPort.on("message", () => {}); setInterval(() => {}, 1000);\n');
    const host = utilityHostLauncher(stubborn, 100)(HOST_SCRIPT, process.env);
    const fake = utilityProcess.fork.mock.results[0]!.value as FakeUtilityProcess;
    const exit = vi.fn();
    host.once('exit', exit);
    expect(host.connected).toBe(true);
    host.disconnect();
    expect(host.connected).toBe(false);
    const callback = vi.fn();
    expect(host.send({ t: 'pid', id: 1 }, callback)).toBe(false);
    expect(callback).toHaveBeenCalledWith(expect.any(Error));
    await vi.waitFor(() => expect(exit).toHaveBeenCalled(), { timeout: 5_000 });
    expect(fake.kill).toHaveBeenCalledOnce();
  });

  it('are what the app starts its steps in', async () => {
    await launch();
    client = ProcessHostClient.start(HOST_SCRIPT)!;
    expect(utilityProcess.fork).toHaveBeenCalledWith(join(ROOT, 'dist', 'electron', 'utility-host.js'), [HOST_SCRIPT], expect.anything());
  });
});

describe('the default host launcher (CLI, serve, MCP)', () => {
  it('forks the host with an IPC channel that runs commands and ends their trees on disconnect', async () => {
    const dir = tempDir();
    client = ProcessHostClient.start(HOST_SCRIPT)!;
    expect(utilityProcess.fork).not.toHaveBeenCalled();
    const run = client.run(treeCommand(dir));
    const pids = await treePids(dir);
    client.close();
    await vi.waitFor(() => expect(pids.filter(isAlive)).toEqual([]), { timeout: 5_000 });
    expect((await run.exit).startError).toBe('the process host stopped unexpectedly');
    expect(forkHost).toBeTypeOf('function');
  });

  it('leaves no step running when the engine that forked the host is killed outright', async () => {
    const dir = tempDir();
    // A real engine process using the client with its default launcher, bundled from the sources.
    const engine = join(dir, 'engine.mjs');
    await build({
      stdin: { contents: `import { ProcessHostClient } from ${JSON.stringify(join(ROOT, 'electron/engine/processes/process-host-client.ts'))};
        const client = ProcessHostClient.start(${JSON.stringify(HOST_SCRIPT)});
        client.run(${JSON.stringify(treeCommand(dir))});
        setInterval(() => {}, 1000);`, resolveDir: ROOT, loader: 'ts' },
      bundle: true, platform: 'node', format: 'esm', outfile: engine, logLevel: 'silent',
    });
    const child = spawn(process.execPath, [engine], { stdio: 'ignore' });
    const pids = await treePids(dir);
    expect(pids.every(isAlive)).toBe(true);
    child.kill('SIGKILL');
    await vi.waitFor(() => expect(pids.filter(isAlive)).toEqual([]), { timeout: 5_000 });
  });
});
