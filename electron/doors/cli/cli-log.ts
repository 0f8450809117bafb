// `--log-level` and $CODOMYRMEX_LOG_LEVEL for every command: the engine's log to its file, and to stderr when chosen.
import { closeEngineLog } from '../../engine/logging/engine-log.js';
import { chooseLogLevel, setUpEngineLog } from '../../engine/logging/log-setup.js';
import { defaultHome, homePaths } from '../../engine/store/paths.js';

/** Sets the log up; returns the refusal of a level that is none, for the command line's usage error (exit 2). */
export function setUpCliLog(flag: string | undefined, env: NodeJS.ProcessEnv): string | null {
  const choice = chooseLogLevel(flag, env);
  if (choice.refused !== null) return choice.refused;
  setUpEngineLog(homePaths(defaultHome(env)).logs, choice.level, env);
  return null;
}

export const closeCliLog = closeEngineLog;
