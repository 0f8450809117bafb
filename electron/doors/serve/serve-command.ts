// `codomyrmex serve [DIR] [--port N]`: the app in a browser — DIR registered as a project (without DIR, the projects
// already registered, or the welcome view on a first run: never the current folder by surprise), the URL first.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { EngineApi } from '../../engine/api.js';
import { OrchestrationEngine } from '../../engine/orchestration-engine.js';
import { UsageError, type CliValues } from '../cli/command-line.js';
import { onStopSignal, STOP_SIGNALS, type StopSignal } from '../cli/stop-signals.js';
import { packageVersion } from '../package-version.js';
import { startBrowserServer } from './browser-server.js';
import { findRendererDir } from './static-files.js';

export async function serveCommand(folder: string | undefined, values: CliValues): Promise<number> {
  const dir = folder === undefined ? null : resolve(folder);
  if (dir !== null && (!existsSync(dir) || !statSync(dir).isDirectory())) throw new UsageError(`codomyrmex serve: ${dir} is not a folder`);
  const port = parsePort(values.port);
  const rendererDir = findRendererDir();
  if (rendererDir === null) throw new UsageError('codomyrmex serve: the app is not built (no dist/renderer/index.html); run `npm run build` first');

  const engine = new OrchestrationEngine();
  // Named on the command line (or where the user started it): that is the confirmation a broad folder needs.
  const project = dir === null ? null : engine.projectManager.addProject(dir, undefined, { confirmBroadFolder: true });
  // The queue setting (the app's Settings): its steps go to workers from the first run on.
  await engine.startQueueFromSettings();
  const api = new EngineApi(engine, { mode: 'browser', version: packageVersion(), projectId: project?.id ?? null });
  const server = await startBrowserServer({ api, rendererDir, port, events: engine.events });
  // The first line is the contract with users and scripts (as Jupyter's): everything needed to open the app.
  process.stdout.write(`Codomyrmex Orchestrator: ${server.url}\n`);
  const count = engine.projectManager.listProjects().length;
  const opened = project !== null ? `project "${project.name}" (${project.path})` : count === 0 ? 'no projects yet: the app opens on its welcome view' : `your ${count} registered project${count === 1 ? '' : 's'}`;
  process.stdout.write(`  ${opened}; data in ${engine.paths.home}\n  Ctrl-C stops the server and the runs it started.\n`);
  // After the server is up: old runs go by the retention setting, once a day while it stays up.
  engine.retention.keepPruning();

  const signal = await new Promise<StopSignal>((resolveStop) => onStopSignal(resolveStop));
  process.stderr.write(`codomyrmex serve: stopping (${signal}); running steps are cancelled (Ctrl-C again to leave now)\n`);
  await server.close();
  // Cancels the runs still going — each step's whole process tree ended — and records them as cancelled.
  await engine.close();
  return STOP_SIGNALS[signal];
}

function parsePort(text: string | undefined): number {
  if (text === undefined) return 0;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port takes a port number from 0 to 65535, got "${text}"`);
  return port;
}
