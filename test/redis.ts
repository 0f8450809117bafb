// A real redis-server for a test, on a unix socket in a temporary folder (no TCP port), and `codomyrmex worker`
// processes serving it, as on other machines; both stopped after the test.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isAlive } from '../electron/engine/processes/process-liveness.js';
import { BIN } from './cli.js';
import { defer, tempDir } from './helpers.js';
import { readPidFile } from './pid-file.js';

const REDIS_SERVER = existsSync('/usr/bin/redis-server') ? '/usr/bin/redis-server' : 'redis-server';
/** Kills the process after the test, if it still runs. */
function stopAfter(pid: () => number | null): void {
  defer(() => {
    const current = pid();
    if (current !== null && isAlive(current)) kill(current, 'SIGKILL');
  });
}

export interface TestRedis {
  url: string;
  dir: string;
  /** Kills the server outright (SIGKILL), as a crash would. */
  kill(): Promise<void>;
  /** Starts it again on the same socket and folder (with AOF on, what it had is back). */
  start(): Promise<void>;
}

/** Starts redis-server; `aof` keeps every write in an append-only file (fsync always), for the restart test. */
export async function startRedis(options: { aof?: boolean; password?: string } = {}): Promise<TestRedis> {
  const dir = tempDir('codomyrmex-redis-');
  const socket = join(dir, 'redis.sock');
  const pidFile = join(dir, 'redis.pid');
  const args = ['--port', '0', '--unixsocket', socket, '--unixsocketperm', '700', '--save', '', '--dir', dir, '--pidfile', pidFile, '--logfile', join(dir, 'redis.log'), '--daemonize', 'yes',
    ...(options.aof ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no']), ...(options.password !== undefined ? ['--requirepass', options.password] : [])];
  let running: number | null = null;
  const pid = (): number | null => readPidFile(pidFile);
  const start = async (): Promise<void> => {
    execFileSync(REDIS_SERVER, args, { stdio: 'ignore' });
    await waitFor(() => existsSync(socket) && pid() !== null, 5_000, 'redis-server to listen');
    running = pid();
  };
  const redis: TestRedis = {
    url: `unix://${socket}${options.password !== undefined ? `?password=${encodeURIComponent(options.password)}` : ''}`,
    dir,
    async kill() {
      const current = running;
      if (current !== null) kill(current, 'SIGKILL');
      await waitFor(() => current === null || !isAlive(current), 5_000, 'redis-server to die');
      running = null;
      execFileSync('rm', ['-f', socket, pidFile]);
    },
    start,
  };
  stopAfter(() => running);
  await start();
  return redis;
}

export interface TestWorker {
  process: ChildProcess;
  pid: number;
  /** What it printed on stderr so far. */
  output(): string;
}

/** Starts `codomyrmex worker` and waits until it serves its pool. */
export async function startWorker(url: string, options: { pool?: string; concurrency?: number; workdir?: string; resources?: string; home?: string } = {}): Promise<TestWorker> {
  const args = [BIN, 'worker', '--redis', url, '--concurrency', String(options.concurrency ?? 2), '--workdir', options.workdir ?? tempDir('codomyrmex-workdir-'),
    ...(options.pool !== undefined ? ['--pool', options.pool] : []), ...(options.resources !== undefined ? ['--resources', options.resources] : [])];
  const child = spawn(process.execPath, args, { env: { ...process.env, CODOMYRMEX_HOME: options.home ?? tempDir('codomyrmex-worker-home-') }, stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  stopAfter(() => child.pid ?? null);
  await waitFor(() => output.includes('serves pool') || child.exitCode !== null, 15_000, 'the worker to start');
  if (child.exitCode !== null) throw new Error(`the worker exited ${child.exitCode}: ${output}`);
  return { process: child, pid: child.pid!, output: () => output };
}

export async function waitFor(check: () => boolean, limitMs: number, what: string): Promise<void> {
  const end = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function kill(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}
