// Starts `codomyrmex serve` on a copy of a fixture project (or on no folder: a first run) with its own data folder, as
// a user would — and, for the crash tests, kills it (SIGKILL) and starts it again on the same data folder and project.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = join(import.meta.dirname, '..', '..');

export interface Served<P extends string | null = string> {
  url: string;
  origin: string;
  token: string;
  /** The project folder served, or null for `serve` without DIR. */
  project: P;
  home: string;
  /** Stops the server (SIGINT) and removes its data folder and project copy. */
  stop(): Promise<void>;
  /** Kills the server outright (SIGKILL), as a crash would; the data folder and project stay. */
  kill(): Promise<void>;
  /** Starts a new server on the same data folder and project; it prints a new URL and token. */
  restart(): Promise<Served<P>>;
}

async function launch<P extends string | null>(home: string, project: P, env: NodeJS.ProcessEnv = {}): Promise<Served<P>> {
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'bin', 'codomyrmex.js'), 'serve', ...(project === null ? [] : [project]), '--port', '0'], {
    env: { ...process.env, ...env, CODOMYRMEX_HOME: home },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const firstLine = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`codomyrmex serve exited with ${code} before printing its URL`)));
  });
  const match = /^Codomyrmex Orchestrator: (http:\/\/127\.0\.0\.1:\d+)\/\?token=(\S+)$/.exec(firstLine);
  if (match === null) throw new Error(`unexpected first line: ${firstLine}`);
  let alive = true;
  const exited = new Promise<void>((resolve) => child.once('exit', () => {
    alive = false;
    resolve();
  }));
  return {
    url: `${match[1]}/?token=${match[2]}`,
    origin: match[1]!,
    token: match[2]!,
    project,
    home,
    async stop() {
      if (alive) child.kill('SIGINT');
      await exited;
      rmSync(home, { recursive: true, force: true });
      if (project !== null) rmSync(project, { recursive: true, force: true });
    },
    async kill() {
      if (alive) child.kill('SIGKILL');
      await exited;
    },
    restart: () => launch(home, project, env),
  };
}

/** `codomyrmex serve` with no DIR on an empty data folder: a first run. */
export async function serveFirstRun(): Promise<Served<null>> {
  return launch(mkdtempSync(join(tmpdir(), 'codomyrmex-e2e-home-')), null);
}

/** `env` is added to the server's environment (e.g. no DISPLAY, as on a headless machine). */
export async function serve(fixture = 'e2e-project', env: NodeJS.ProcessEnv = {}): Promise<Served> {
  const home = mkdtempSync(join(tmpdir(), 'codomyrmex-e2e-home-'));
  const project = mkdtempSync(join(tmpdir(), 'codomyrmex-e2e-project-'));
  cpSync(join(ROOT, 'test', 'fixtures', fixture), project, { recursive: true });
  return launch(home, project, env);
}
