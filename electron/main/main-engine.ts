// Hosts the engine in main: one OrchestrationEngine on $CODOMYRMEX_HOME (default the platform app-data folder),
// the project the app was opened on, and the EngineApi every IPC call goes through.
import { EngineApi } from '../engine/api.js';
import { OrchestrationEngine } from '../engine/orchestration-engine.js';

export interface MainEngine {
  engine: OrchestrationEngine;
  api: EngineApi;
  projectId: string | null;
}

/** The folder given by `--project DIR` / `--project=DIR`, else $CODOMYRMEX_PROJECT, as `codomyrmex serve DIR` takes it. */
export function startupProject(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): string | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--project' && argv[i + 1] !== undefined) return argv[i + 1]!;
    if (arg.startsWith('--project=')) return arg.slice('--project='.length);
  }
  return env.CODOMYRMEX_PROJECT !== undefined && env.CODOMYRMEX_PROJECT !== '' ? env.CODOMYRMEX_PROJECT : null;
}

export interface MainEngineOptions {
  version: string;
  /** Data folder: $CODOMYRMEX_HOME, else the platform's app-data folder (the CLI's too, so both see one history). */
  home: string;
  /** A folder to register as a project and open on. */
  project?: string | null;
}

export function startEngine(options: MainEngineOptions): MainEngine {
  const engine = new OrchestrationEngine({ home: options.home });
  // A bad --project must not keep the app from opening: it opens on the project list and says why on stderr.
  let projectId: string | null = null;
  if (options.project != null) {
    try {
      // Named on the command line (or where the user started it): that is the confirmation a broad folder needs.
      projectId = engine.projectManager.addProject(options.project, undefined, { confirmBroadFolder: true }).id;
    } catch (error) {
      console.error(`Codomyrmex Orchestrator: cannot open project ${options.project}: ${(error as Error).message}`);
    }
  }
  const api = new EngineApi(engine, { mode: 'electron', version: options.version, projectId });
  return { engine, api, projectId };
}
