// For the queue's end-to-end tests: a real redis-server on a unix socket in a temporary folder (no TCP port) and real
// `codomyrmex worker` processes from the build, as on other machines; each stopped (and its folder removed) after.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN } from '../cli.js';
import { readPidFile } from '../pid-file.js';

export interface Stoppable {
  stop(): Promise<void>;
}

async function until(check: () => boolean, limitMs: number, what: string): Promise<void> {
  for (const end = Date.now() + limitMs; !check(); await new Promise((resolve) => setTimeout(resolve, 50))) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
  }
}

function gone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  // pid 1 here reaps no zombies: a killed child may linger in state Z, which is as good as gone.
  return / Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\)/, ' '));
}

/** redis-server daemonised with a pid file; `url` is its unix:// URL (with the password, when it asks for one). */
export async function startRedis(password: string | null = null): Promise<Stoppable & { url: string; socket: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'codomyrmex-e2e-redis-'));
  const socket = join(dir, 'redis.sock');
  const pidFile = join(dir, 'redis.pid');
  execFileSync('redis-server', ['--port', '0', '--unixsocket', socket, '--unixsocketperm', '700', '--save', '', '--appendonly', 'no', '--dir', dir, '--pidfile', pidFile, '--logfile', join(dir, 'redis.log'), '--daemonize', 'yes', ...(password === null ? [] : ['--requirepass', password])], { stdio: 'ignore' });
  // redis-server creates its pid file a moment before it writes the pid there (see readPidFile).
  await until(() => existsSync(socket) && readPidFile(pidFile) !== null, 5_000, 'redis-server to listen');
  const pid = readPidFile(pidFile)!;
  return {
    // A socket URL has no host to put a password before: it goes in `?password=` (README, Scale out).
    url: `unix://${socket}${password === null ? '' : `?password=${encodeURIComponent(password)}`}`,
    socket,
    async stop() {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
      await until(() => gone(pid), 5_000, 'redis-server to stop');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `codomyrmex worker` on `url` serving `pool`, started once it says it serves it. */
export async function startWorker(url: string, pool: string, concurrency = 2): Promise<Stoppable> {
  const home = mkdtempSync(join(tmpdir(), 'codomyrmex-e2e-worker-'));
  const child = spawn(process.execPath, [BIN, 'worker', '--redis', url, '--pool', pool, '--concurrency', String(concurrency), '--workdir', join(home, 'work')], {
    env: { ...process.env, CODOMYRMEX_HOME: home },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await until(() => output.includes('serves pool') || child.exitCode !== null, 15_000, 'the worker to start');
  if (child.exitCode !== null) throw new Error(`codomyrmex worker exited ${child.exitCode}: ${output}`);
  return {
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await until(() => child.exitCode !== null || child.signalCode !== null, 10_000, 'the worker to stop');
      rmSync(home, { recursive: true, force: true });
    },
  };
}
