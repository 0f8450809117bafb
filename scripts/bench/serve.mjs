// Starts `codomyrmex serve` for a bench, as a user would: on a project, with its own data folder (made, and removed on
// stop, unless one is given), timed from spawn to the printed URL. `nodeArgs`: Node flags for the server (a profile's);
// `build`: another checkout's build to serve (a profile's baseline).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = new URL('../..', import.meta.url).pathname;
const TICKS = 100; // USER_HZ on Linux

export async function startServe(project, options = {}) {
  const home = options.home ?? mkdtempSync(join(tmpdir(), 'cdx-bench-home-'));
  const started = performance.now();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), join(options.build ?? ROOT, 'bin', 'codomyrmex.js'), 'serve', project, '--port', '0'], { env: { ...process.env, CODOMYRMEX_HOME: home }, stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
  return {
    url: /http:\/\/\S+/.exec(line)[0],
    started,
    printed: performance.now(),
    /** CPU seconds the server process has used (user + system), from /proc. */
    cpuSeconds() {
      const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(fields[11]) + Number(fields[12])) / TICKS;
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      await exited;
      if (options.home === undefined) rmSync(home, { recursive: true, force: true });
    },
  };
}
