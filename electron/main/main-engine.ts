// Hosts the engine in main: one OrchestrationEngine on $CODOMYRMEX_HOME (default the platform app-data folder),
// the project the app was opened on, and the EngineApi every IPC call goes through.
import { EngineApi } from '../engine/api.js';
import { chooseLogLevel, setUpEngineLog } from '../engine/logging/log-setup.js';
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

/** `--log-level LEVEL` / `--log-level=LEVEL`, as the CLI takes it (undefined when not given). */
export function startupLogLevel(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--log-level') return argv[i + 1] ?? '';
    if (arg.startsWith('--log-level=')) return arg.slice('--log-level='.length);
  }
  return undefined;
}

export interface MainEngineOptions {
  version: string;
  /** Data folder: $CODOMYRMEX_HOME, else the platform's app-data folder (the CLI's too, so both see one history). */
  home: string;
  /** A folder to register as a project and open on. */
  project?: string | null;
  /** `--log-level` as given on the command line; else $CODOMYRMEX_LOG_LEVEL applies. */
  logLevel?: string;
  env?: NodeJS.ProcessEnv;
}

export function startEngine(options: MainEngineOptions): MainEngine {
  const env = options.env ?? process.env;
  const log = chooseLogLevel(options.logLevel, env);
  // A bad level must not keep the app from opening either: the defaults apply and stderr says why.
  if (log.refused !== null) console.error(`Codomyrmex Orchestrator: ${log.refused}; the log stays at info`);
  const engine = new OrchestrationEngine({ home: options.home });
  setUpEngineLog(engine.paths.logs, log.level, env);
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
  // The queue the app's setting turned on (Redis unreachable: a notice, steps run here); the window does not wait.
  void engine.startQueueFromSettings();
  const api = new EngineApi(engine, { mode: 'electron', version: options.version, projectId });
  return { engine, api, projectId };
}
