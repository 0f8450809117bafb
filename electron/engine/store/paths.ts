// Where the engine keeps its data: $CODOMYRMEX_HOME, or the platform's app-data folder (shared by the CLI and the app).
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_DIR_NAME = 'codomyrmex-orchestrator';

export function defaultHome(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CODOMYRMEX_HOME) return env.CODOMYRMEX_HOME;
  if (process.platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_DIR_NAME);
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_DIR_NAME);
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), APP_DIR_NAME);
}

export interface HomePaths {
  home: string;
  database: string;
  logs: string;
  workflows: string;
  templates: string;
}

export function homePaths(home: string): HomePaths {
  return {
    home,
    database: join(home, 'orchestrator.db'),
    logs: join(home, 'logs'),
    workflows: join(home, 'workflows'),
    templates: join(home, 'templates'),
  };
}
