// Starts `codomyrmex serve` on a copy of a fixture project with its own data folder, as a user would.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = join(import.meta.dirname, '..', '..');

export interface Served {
  url: string;
  origin: string;
  token: string;
  project: string;
  stop(): Promise<void>;
}

export async function serve(fixture = 'e2e-project'): Promise<Served> {
  const home = mkdtempSync(join(tmpdir(), 'codomyrmex-e2e-home-'));
  const project = mkdtempSync(join(tmpdir(), 'codomyrmex-e2e-project-'));
  cpSync(join(ROOT, 'test', 'fixtures', fixture), project, { recursive: true });
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'bin', 'codomyrmex.js'), 'serve', project, '--port', '0'], {
    env: { ...process.env, CODOMYRMEX_HOME: home },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const firstLine = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`codomyrmex serve exited with ${code} before printing its URL`)));
  });
  const match = /^Codomyrmex Orchestrator: (http:\/\/127\.0\.0\.1:\d+)\/\?token=(\S+)$/.exec(firstLine);
  if (match === null) throw new Error(`unexpected first line: ${firstLine}`);
  return {
    url: `${match[1]}/?token=${match[2]}`,
    origin: match[1]!,
    token: match[2]!,
    project,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      await exited;
      rmSync(home, { recursive: true, force: true });
      rmSync(project, { recursive: true, force: true });
    },
  };
}
