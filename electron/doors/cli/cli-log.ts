// `--log-level` and $CODOMYRMEX_LOG_LEVEL for every command: the engine's log to its file, and to stderr when chosen.
import { allowedLevels, parseLogLevel, type LogThreshold } from '../../../shared/engine-log.js';
import { closeEngineLog, configureEngineLog } from '../../engine/logging/engine-log.js';
import { rotationFromEnv } from '../../engine/logging/rolling-log-file.js';
import { defaultHome, homePaths } from '../../engine/store/paths.js';

/**
 * The flag wins over the variable; neither: the file at info and nothing on stderr (the commands print their own
 * words). Returns the refusal of a level that is none, for the command line's usage error.
 */
export function setUpCliLog(flag: string | undefined, env: NodeJS.ProcessEnv): string | null {
  const [text, where] = flag !== undefined ? [flag, '--log-level'] : [env.CODOMYRMEX_LOG_LEVEL ?? '', 'CODOMYRMEX_LOG_LEVEL'];
  let chosen: LogThreshold | null = null;
  if (text !== '') {
    chosen = parseLogLevel(text);
    if (chosen === null) return `${where} takes ${allowedLevels}; got "${text}"`;
  }
  // stderr, never stdout: MCP's stdout carries the protocol and `run --json` its record.
  configureEngineLog({ logsDir: homePaths(defaultHome(env)).logs, level: chosen ?? 'info', stderrLevel: chosen ?? 'off', rotation: rotationFromEnv(env) });
  return null;
}

export const closeCliLog = closeEngineLog;
