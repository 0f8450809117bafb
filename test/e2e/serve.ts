// Starts `codomyrmex serve` on a copy of a fixture project (or on no folder: a first run) with its own data folder, as
// a user would — and, for the crash tests, kills it (SIGKILL) and starts it again on the same data folder and project.
// Other fixture projects can be registered in the same data folder first, as projects added earlier would be.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';

const ROOT = join(import.meta.dirname, '..', '..');

export interface Served<P extends string | null = string> {
  url: string;
  origin: string;
  token: string;
  /** The project folder served, or null for `serve` without DIR. */
  project: P;
  /** The other projects registered in the same data folder (copies of the `others` fixtures), in order. */
  others: string[];
  home: string;
  /** Stops the server (SIGINT) and removes its data folder and project copy. */
  stop(): Promise<void>;
  /** Kills the server outright (SIGKILL), as a crash would; the data folder and project stay. */
  kill(): Promise<void>;
  /** Starts a new server on the same data folder and project; it prints a new URL and token. */
  restart(): Promise<Served<P>>;
}

async function launch<P extends string | null>(home: string, project: P, others: string[], roots: string[], env: NodeJS.ProcessEnv = {}): Promise<Served<P>> {
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
    others,
    home,
    async stop() {
      if (alive) child.kill('SIGINT');
      await exited;
      for (const dir of [home, ...roots]) rmSync(dir, { recursive: true, force: true });
    },
    async kill() {
      if (alive) child.kill('SIGKILL');
      await exited;
    },
    restart: () => launch(home, project, others, roots, env),
  };
}

/** `codomyrmex serve` with no DIR on an empty data folder: a first run. */
export async function serveFirstRun(): Promise<Served<null>> {
  return launch(mkdtempSync(join(tmpdir(), 'codomyrmex-e2e-home-')), null, [], []);
}

/**
 * A copy of a fixture in a fresh folder (`root`, removed on stop); `named` puts it in a folder named after it, or
 * after the name given.
 */
function copyFixture(fixture: string, named: boolean | string): { root: string; project: string } {
  const root = mkdtempSync(join(tmpdir(), 'codomyrmex-e2e-project-'));
  const project = named === false ? root : join(root, named === true ? fixture.replace(/-project$/, '') : named);
  cpSync(join(ROOT, 'test', 'fixtures', fixture), project, { recursive: true });
  return { root, project };
}

/** Registers folders as projects in a data folder with the built engine, before any server opens it. */
function register(home: string, folders: string[]): void {
  const script = `const { OrchestrationEngine } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'dist', 'engine', 'index.js')).href)});
const engine = new OrchestrationEngine();
for (const folder of JSON.parse(process.argv[1])) engine.projectManager.addProject(folder);
await engine.close();`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(folders)], { env: { ...process.env, CODOMYRMEX_HOME: home }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`registering ${folders.join(', ')} failed: ${result.stderr}`);
}

export interface ServeOptions {
  /** Fixtures registered as projects in the same data folder before the server starts. */
  others?: string[];
  /** Each project in a folder named after its fixture ("alpha" for alpha-project), so its name reads well. */
  named?: boolean;
  /** The served project's folder name, hence its project name (a long one, say). */
  folder?: string;
  /** Added to the server's environment (e.g. no DISPLAY, as on a headless machine). */
  env?: NodeJS.ProcessEnv;
}

export async function serve(fixture = 'e2e-project', options: ServeOptions = {}): Promise<Served> {
  const home = mkdtempSync(join(tmpdir(), 'codomyrmex-e2e-home-'));
  const named = options.named ?? false;
  const copies = [fixture, ...(options.others ?? [])].map((name, index) => copyFixture(name, index === 0 && options.folder !== undefined ? options.folder : named));
  const [project, ...others] = copies.map((copy) => copy.project);
  if (others.length > 0) register(home, others);
  return launch(home, project!, others, copies.map((copy) => copy.root), options.env ?? {});
}
