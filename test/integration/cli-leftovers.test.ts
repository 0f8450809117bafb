// `codomyrmex run` leaves nothing behind once it has exited — not its process hosts, not its steps or their children —
// whether the run completed, a step failed, or a terminal's Ctrl-C went to its process group. Real CLI, real processes.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isAlive } from '../../electron/engine/processes/process-liveness.js';
import { inGroup, killAll, MARK, marked } from '../../scripts/process-trees.mjs';
import { BIN } from '../cli.js';
import { tempDir } from '../helpers.js';

const marks: string[] = [];
afterEach(() => {
  for (const mark of marks.splice(0)) killAll(marked(mark));
});

/**
 * A first step, then four at once (by then a process host is up, and the CLI starts another), each leaving a background
 * child and writing the pid of the process that started it; `last` is the command of the sixth, which runs after them.
 */
function workflow(dir: string, last: string): string {
  const step = (i: number) => `  - { name: s${i}, module: shell, action: run, parameters: { command: "sleep 30 & echo $PPID > host-${i}.pid; sleep 0.3" }, dependencies: [first] }`;
  return [
    'version: 1', 'name: leftovers', 'concurrency: 4', 'steps:',
    '  - { name: first, module: shell, action: run, parameters: { command: "sleep 0.5" } }',
    ...[1, 2, 3, 4].map(step),
    `  - { name: last, module: shell, action: run, parameters: { command: "${last}" }, dependencies: [s1, s2, s3, s4] }`,
  ].join('\n');
}

/** Starts the CLI leading its own process group, as a terminal starts a command, with a mark all below it inherit. */
function startRun(dir: string, home: string, last: string): { child: ChildProcess; mark: string; exit: Promise<number | null> } {
  const mark = randomUUID();
  marks.push(mark);
  writeFileSync(join(dir, 'leftovers.yaml'), workflow(dir, last));
  const child = spawn(process.execPath, [BIN, 'run', 'leftovers.yaml'], {
    cwd: dir, env: { ...process.env, CODOMYRMEX_HOME: home, CODOMYRMEX_PROCESS_HOSTS: '2', [MARK]: mark }, stdio: 'ignore', detached: true,
  });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, mark, exit };
}

/** The processes that started the steps (hosts, or the CLI while none was up): each step wrote its parent's pid. */
function hosts(dir: string): number[] {
  return [...new Set([1, 2, 3, 4].filter((i) => existsSync(join(dir, `host-${i}.pid`))).map((i) => Number(readFileSync(join(dir, `host-${i}.pid`), 'utf8'))))];
}

/** Right after the exit, with no grace: nothing in its group, nothing carrying its mark, none of its hosts. */
function expectNothingLeft(child: ChildProcess, mark: string, dir: string): void {
  // The hosts first: a host that outlived the CLI is gone a few milliseconds later, by the time a census is taken.
  const started = hosts(dir);
  expect(started.filter(isAlive)).toEqual([]);
  expect(started.length).toBeGreaterThan(0);
  expect(inGroup(child.pid!)).toEqual([]);
  expect(marked(mark)).toEqual([]);
}

describe.runIf(process.platform === 'linux')('processes left after `codomyrmex run` exits', () => {
  it('none after a run that completed: its hosts, steps and their background children are gone', async () => {
    const [dir, home] = [tempDir(), tempDir()];
    const { child, mark, exit } = startRun(dir, home, 'true');
    expect(await exit).toBe(0);
    // Started by a host: one was up once the first step had run (the CLI started that one itself, not to wait for it).
    expect(hosts(dir).filter((pid) => pid !== child.pid).length).toBeGreaterThan(0);
    expectNothingLeft(child, mark, dir);
  });

  it('none after a run whose step failed (exit 1)', async () => {
    const [dir, home] = [tempDir(), tempDir()];
    const { child, mark, exit } = startRun(dir, home, 'sleep 30 & exit 3');
    expect(await exit).toBe(1);
    expectNothingLeft(child, mark, dir);
  });

  it('none after Ctrl-C (SIGINT to its process group) while steps run (exit 130)', async () => {
    const [dir, home] = [tempDir(), tempDir()];
    const { child, mark, exit } = startRun(dir, home, 'true');
    await expect.poll(() => hosts(dir).length, { timeout: 20_000, interval: 20 }).toBeGreaterThan(0);
    expect(marked(mark).length).toBeGreaterThan(2);
    process.kill(-child.pid!, 'SIGINT');
    expect(await exit).toBe(130);
    expectNothingLeft(child, mark, dir);
  });

  it('none after Ctrl-C while the CLI is still starting, before its run has begun (exit 130)', async () => {
    const [dir, home] = [tempDir(), tempDir()];
    const { child, mark, exit } = startRun(dir, home, 'true');
    // Its first host is forked with the first step (started by the CLI itself): signalled then, the CLI must still wait for it.
    await expect.poll(() => marked(mark).length, { timeout: 10_000, interval: 5 }).toBeGreaterThan(1);
    process.kill(-child.pid!, 'SIGINT');
    expect(await exit).toBe(130);
    expect(inGroup(child.pid!)).toEqual([]);
    expect(marked(mark)).toEqual([]);
  });
});
