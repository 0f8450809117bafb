import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ProcessHostPool, poolSize } from '../../electron/engine/processes/process-host-pool.js';
import { startHere } from '../../electron/engine/processes/local-start.js';
import { isAlive } from '../../electron/engine/processes/process-liveness.js';
import { tempDir } from '../helpers.js';

let pool: ProcessHostPool | null = null;
afterEach(() => pool?.close());

const command = (dir: string, name: string, file: string, args: string[]) => ({
  file, args, shell: false, cwd: dir, env: { ...process.env } as Record<string, string>, logPath: join(dir, `${name}.log`),
});

describe('the process host pool', () => {
  it('starts one host, adds another once commands overlap, and spreads commands over the hosts that are up', async () => {
    const dir = tempDir();
    pool = ProcessHostPool.start(2);
    expect(pool?.started).toBe(1);
    const overlapping = ['first', 'second'].map((name) => pool!.run(command(dir, name, 'node', ['-e', ''])));
    expect(pool!.started).toBe(2);
    expect((await Promise.all(overlapping.map((run) => run.exit))).every((exit) => exit.exitCode === 0)).toBe(true);
    await expect.poll(() => pool!.ready, { timeout: 10_000 }).toBe(2);
    const names = ['a', 'b', 'c', 'd'];
    const exits = await Promise.all(names.map((name) => pool!.run(command(dir, name, 'node', ['-e', 'console.log(process.ppid)'])).exit));
    expect(exits.every((exit) => exit.exitCode === 0)).toBe(true);
    const parents = new Set(names.map((name) => readFileSync(join(dir, `${name}.log`), 'utf8').trim()));
    expect(parents.size).toBe(2);
  });

  it.runIf(process.platform === 'linux')('with no host up, starts commands itself: the first host with the first command, another once they overlap', async () => {
    const dir = tempDir();
    pool = ProcessHostPool.lazy(2);
    expect(pool.started).toBe(0);
    const here = (name: string) => () => {
      const fd = openSync(join(dir, `${name}.log`), 'a');
      try {
        return startHere({ file: 'sleep', args: ['0.3'], shell: false, cwd: dir, env: { ...process.env } }, fd);
      } finally {
        closeSync(fd);
      }
    };
    const first = pool.run(command(dir, 'first', 'sleep', ['0.3']), here('first'));
    expect(pool.started).toBe(1);
    const second = pool.run(command(dir, 'second', 'sleep', ['0.3']), here('second'));
    expect(pool.started).toBe(2);
    for (const run of [first, second]) {
      const pid = (await run.pid())!;
      expect(readFileSync(`/proc/${pid}/stat`, 'latin1').split(') ')[1]!.split(' ')[1]).toBe(String(process.pid));
    }
    expect((await Promise.all([first.exit, second.exit])).map((exit) => exit.exitCode)).toEqual([0, 0]);
    // Once a host is up, commands go to it.
    await expect.poll(() => pool!.ready, { timeout: 10_000 }).toBeGreaterThan(0);
    const later = pool.run(command(dir, 'later', 'sh', ['-c', 'echo $PPID']), here('later'));
    expect((await later.exit).exitCode).toBe(0);
    expect(readFileSync(join(dir, 'later.log'), 'utf8').trim()).not.toBe(String(process.pid));
  });

  it('starts no more hosts than its size', () => {
    const dir = tempDir();
    pool = ProcessHostPool.start(1);
    const runs = ['a', 'b', 'c'].map((name) => pool!.run(command(dir, name, 'node', ['-e', ''])));
    expect(pool!.started).toBe(1);
    return Promise.all(runs.map((run) => run.exit));
  });

  it('gives a running command its pid when asked, and null once it has ended', async () => {
    const dir = tempDir();
    pool = ProcessHostPool.start(1);
    const run = pool!.run(command(dir, 'slow', 'sleep', ['30']));
    const pid = await run.pid();
    expect(pid).toBeGreaterThan(0);
    expect(isAlive(pid!)).toBe(true);
    process.kill(pid!, 'SIGKILL');
    expect((await run.exit).signal).toBe('SIGKILL');
    expect(await run.pid()).toBeNull();
  });

  it.runIf(process.platform === 'linux')('leads its own process group, and signalled alone, ends the trees it runs within its grace', async () => {
    const dir = tempDir();
    pool = ProcessHostPool.start(1);
    const run = pool!.run(command(dir, 'tree', 'sh', ['-c', `setsid sh -c 'trap "" TERM; echo $$ > ${dir}/daemon.pid; exec sleep 60' & sleep 60`]));
    const pid = (await run.pid())!;
    await expect.poll(() => existsSync(join(dir, 'daemon.pid'))).toBe(true);
    const daemon = Number(readFileSync(join(dir, 'daemon.pid'), 'utf8'));
    const host = Number(readFileSync(`/proc/${pid}/stat`, 'latin1').split(') ')[1]!.split(' ')[1]);
    expect(readFileSync(`/proc/${host}/stat`, 'latin1').split(') ')[1]!.split(' ')[2]).toBe(String(host));
    // No engine cancels anything here: the host waits for one, then ends its trees itself.
    process.kill(host, 'SIGTERM');
    expect(await run.exit).toMatchObject({ startError: 'the process host stopped unexpectedly' });
    expect(isAlive(pid)).toBe(false);
    expect(isAlive(daemon)).toBe(false);
  });

  it.runIf(process.platform === 'linux')('starts its hosts without NODE_EXTRA_CA_CERTS, which Node parses at every start, and gives it back to the commands', async () => {
    const dir = tempDir();
    const saved = process.env.NODE_EXTRA_CA_CERTS;
    process.env.NODE_EXTRA_CA_CERTS = join(dir, 'extra-ca.pem');
    try {
      pool = ProcessHostPool.start(1);
      const run = pool!.run(command(dir, 'ca', 'sh', ['-c', 'echo "$NODE_EXTRA_CA_CERTS"; echo "$PPID"; echo "${CODOMYRMEX_HOST_STEP_ENV:-none}"']));
      expect((await run.exit).exitCode).toBe(0);
      const [certs, host, carrier] = readFileSync(join(dir, 'ca.log'), 'utf8').trim().split('\n');
      expect(certs).toBe(join(dir, 'extra-ca.pem'));
      expect(carrier).toBe('none');
      const hostEnv = readFileSync(`/proc/${host}/environ`, 'latin1').split('\0');
      expect(hostEnv.filter((entry) => entry.startsWith('NODE_EXTRA_CA_CERTS='))).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.NODE_EXTRA_CA_CERTS;
      else process.env.NODE_EXTRA_CA_CERTS = saved;
    }
  });

  it('has one host per core, up to four, unless told otherwise', () => {
    expect(poolSize({})).toBeGreaterThanOrEqual(1);
    expect(poolSize({})).toBeLessThanOrEqual(4);
    expect(poolSize({ CODOMYRMEX_PROCESS_HOSTS: '3' })).toBe(3);
    expect(poolSize({ CODOMYRMEX_PROCESS_HOSTS: 'many' })).toBe(poolSize({}));
  });
});
