// How a door sets up the engine's log from what the user chose (a flag, else $CODOMYRMEX_LOG_LEVEL), the same for all.
import { allowedLevels, parseLogLevel, type LogThreshold } from '../../../shared/engine-log.js';
import { configureEngineLog } from './engine-log.js';
import { rotationFromEnv } from './rolling-log-file.js';

export interface LogChoice {
  /** The level chosen, or null when none was (the defaults then: the file at info, nothing on stderr). */
  level: LogThreshold | null;
  /** Why the given level is none, naming where it came from and the allowed ones. */
  refused: string | null;
}

export function chooseLogLevel(flag: string | undefined, env: NodeJS.ProcessEnv): LogChoice {
  const [text, where] = flag !== undefined ? [flag, '--log-level'] : [env.CODOMYRMEX_LOG_LEVEL ?? '', 'CODOMYRMEX_LOG_LEVEL'];
  if (flag === undefined && text === '') return { level: null, refused: null };
  const level = parseLogLevel(text);
  return level === null ? { level: null, refused: `${where} takes ${allowedLevels}; got "${text}"` } : { level, refused: null };
}

/** A chosen level applies to the file and to stderr (never stdout: MCP's protocol and `--json` records live there). */
export function setUpEngineLog(logsDir: string, level: LogThreshold | null, env: NodeJS.ProcessEnv, stderr = level !== null): void {
  configureEngineLog({ logsDir, level: level ?? 'info', stderrLevel: stderr ? (level ?? 'info') : 'off', rotation: rotationFromEnv(env) });
}
