// When `codomyrmex run` starts a process host: only once a step has a command to start, which it starts itself rather
// than wait for a host's start-up; the host started with it still ends that command's tree if the CLI is SIGKILLed.
// Real CLI, real processes, seen from the outside (/proc) as `ps` would see them.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isAlive } from '../../electron/engine/processes/process-liveness.js';
import { killAll, MARK, marked } from '../../scripts/process-trees.mjs';
import { BIN } from '../cli.js';
import { tempDir } from '../helpers.js';

const marks: string[] = [];
afterEach(() => {
  for (const mark of marks.splice(0)) killAll(marked(mark));
});

/** Starts `run FILE` in `dir` with a mark every process below it inherits. */
function startRun(dir: string, home: string, file: string, env: NodeJS.ProcessEnv = {}): { child: ChildProcess; mark: string; exit: Promise<number | null> } {
  const mark = randomUUID();
  marks.push(mark);
  const child = spawn(process.execPath, [BIN, 'run', file], { cwd: dir, env: { ...process.env, ...env, CODOMYRMEX_HOME: home, [MARK]: mark }, stdio: 'ignore', detached: true });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, mark, exit };
}

/**
 * A process's name, as `ps` shows it — but a child the CLI forked is `node` too for the moment before its exec (the
 * standby shell, a step's shell), which a loaded machine makes long enough to be seen: `node` is kept for a process
 * running the host script.
 */
function named(pid: number, command: string): string {
  if (command !== 'node') return command;
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'latin1').split('\0');
    // The standby shell in the middle of its exec: its new command line (/bin/sh -c … process-host.cjs) shows a moment
    // before its new name does.
    if (args[0] === '/bin/sh') return 'sh';
    return args.some((arg) => arg.includes('process-host')) ? 'node' : 'node (before its exec)';
  } catch {
    return 'gone';
  }
}

/** Every process carrying the run's mark but the CLI itself, sampled until the run exits. */
async function othersDuring(child: ChildProcess, mark: string, exit: Promise<number | null>): Promise<{ code: number | null; others: string[] }> {
  const others = new Set<string>();
  let done = false;
  const code = exit.then((value) => ((done = true), value));
  while (!done) {
    for (const entry of marked(mark)) if (entry.pid !== child.pid) others.add(`${entry.pid} ${named(entry.pid, entry.command)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { code: await code, others: [...others] };
}

describe.runIf(process.platform === 'linux')('when `codomyrmex run` starts a process host', () => {
  it('never, for a run with no command to start (control steps only)', async () => {
    const [dir, home] = [tempDir(), tempDir()];
    writeFileSync(join(dir, 'wait.yaml'), 'version: 1\nname: wait\nsteps:\n  - { name: a, module: control, action: delay, parameters: { seconds: 0.6 } }\n  - { name: b, module: control, action: noop, dependencies: [a] }\n');
    const { child, mark, exit } = startRun(dir, home, 'wait.yaml');
    expect(await othersDuring(child, mark, exit)).toEqual({ code: 0, others: [] });
  });

  it('never, for a run whose only command is a cache hit', async () => {
    const [dir, home] = [tempDir(), tempDir()];
    writeFileSync(join(dir, 'in.txt'), 'input\n');
    writeFileSync(join(dir, 'hit.yaml'), [
      'version: 1', 'name: hit', 'steps:',
      '  - { name: build, module: shell, action: run, parameters: { command: "cp in.txt out.txt" }, cache: { inputs: [in.txt], outputs: [out.txt] } }',
      '  - { name: wait, module: control, action: delay, parameters: { seconds: 0.6 }, dependencies: [build] }',
    ].join('\n'));
    const first = startRun(dir, home, 'hit.yaml');
    expect((await othersDuring(first.child, first.mark, first.exit)).others.length).toBeGreaterThan(0);
    const again = startRun(dir, home, 'hit.yaml');
    expect(await othersDuring(again.child, again.mark, again.exit)).toEqual({ code: 0, others: [] });
  });

  /** The names of the processes seen beside the CLI during a run of these shell commands, one after another. */
  async function namesBeside(commands: string[], env: NodeJS.ProcessEnv = {}): Promise<string[]> {
    const [dir, home] = [tempDir(), tempDir()];
    const steps = commands.map((command, i) => `  - { name: s${i}, module: shell, action: run, parameters: { command: "${command}" }${i > 0 ? `, dependencies: [s${i - 1}]` : ''} }`);
    writeFileSync(join(dir, 'steps.yaml'), ['version: 1', 'name: steps', 'steps:', ...steps].join('\n'));
    const { child, mark, exit } = startRun(dir, home, 'steps.yaml', env);
    const { code, others } = await othersDuring(child, mark, exit);
    expect(code).toBe(0);
    // The name is all that follows the pid: 'node (before its exec)' is not 'node'.
    return others.map((other) => other.slice(other.indexOf(' ') + 1));
  }

  it('not as Node, for a run of one quick command: a shell stands by, to start the host should the CLI die', async () => {
    // Quick is under the standby time (100 ms), which a loaded machine can take just to start `true`: here it is long
    // enough for any machine, so what is checked is that a lone command never wakes the host, not how fast it ends.
    expect(await namesBeside(['true'], { CODOMYRMEX_HOST_STANDBY_MS: '20000' })).not.toContain('node');
  });

  it('as Node once a lone command outlives the standby time', async () => {
    expect(await namesBeside(['sleep 1'])).toContain('node');
  });

  it('as Node once a second command starts', async () => {
    expect(await namesBeside(['true', 'sleep 1'])).toContain('node');
  });

  it('with its first command, which the CLI starts itself; SIGKILLed right then, the host still ends that tree', async () => {
    const [dir, home] = [tempDir(), tempDir()];
    // The step's child leaves its session (as a daemon does) and ignores SIGTERM.
    writeFileSync(join(dir, 'long.yaml'), `version: 1\nname: long\nsteps:\n  - { name: a, module: shell, action: run, parameters: { command: "setsid sh -c 'trap \\"\\" TERM; echo $$ > daemon.pid; exec sleep 60' & echo $PPID > starter.pid; sleep 60" } }\n`);
    const { child, mark, exit } = startRun(dir, home, 'long.yaml');
    await expect.poll(() => existsSync(join(dir, 'starter.pid')) && existsSync(join(dir, 'daemon.pid')), { timeout: 10_000, interval: 2 }).toBe(true);
    // No grace for the host to start up: killed as soon as the step is seen running.
    child.kill('SIGKILL');
    await exit;
    expect(Number(readFileSync(join(dir, 'starter.pid'), 'utf8'))).toBe(child.pid);
    const daemon = Number(readFileSync(join(dir, 'daemon.pid'), 'utf8'));
    // The host may still be a shell on standby: it starts Node, reads the tree and SIGKILLs it — on a machine running
    // the whole suite on two cores, a Node start can take seconds.
    await expect.poll(() => marked(mark), { timeout: 12_000, interval: 50 }).toEqual([]);
    expect(isAlive(daemon)).toBe(false);
  });

  it('told of the command before it starts: a command that SIGKILLs the CLI as its first act still has its tree ended', async () => {
    const [dir, home] = [tempDir(), tempDir()];
    // However soon the CLI dies after the start, the host knows the tree: the command kills it before anything else.
    writeFileSync(join(dir, 'kill.yaml'), `version: 1\nname: kill\nsteps:\n  - { name: a, module: shell, action: run, parameters: { command: "kill -9 $PPID; setsid sh -c 'trap \\"\\" TERM; echo $$ > daemon.pid; exec sleep 60' & sleep 60" } }\n`);
    const { mark, exit } = startRun(dir, home, 'kill.yaml');
    expect(await exit).toBe(null);
    await expect.poll(() => existsSync(join(dir, 'daemon.pid')), { timeout: 10_000, interval: 5 }).toBe(true);
    const daemon = Number(readFileSync(join(dir, 'daemon.pid'), 'utf8'));
    await expect.poll(() => marked(mark), { timeout: 12_000, interval: 50 }).toEqual([]);
    expect(isAlive(daemon)).toBe(false);
  });
});
