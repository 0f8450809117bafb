// The guide's `setup_logging()` for library users: the engine's log at a level (CODOMYRMEX_LOG_LEVEL by default).
import { OrchestrationError } from '../../../shared/errors.js';
import type { LogThreshold } from '../../../shared/engine-log.js';
import { defaultHome, homePaths } from '../store/paths.js';
import { closeEngineLog, flushEngineLog } from './engine-log.js';
import { chooseLogLevel, setUpEngineLog } from './log-setup.js';

export interface SetupLoggingOptions {
  /** debug, info, warning, error, critical or off (Python's upper-case names too); default $CODOMYRMEX_LOG_LEVEL, else info. */
  level?: LogThreshold | string;
  /** The data folder whose logs/ holds the file; default $CODOMYRMEX_HOME or the platform's app-data folder. */
  home?: string;
  /** Records on stderr too (default: when a level is given, as `basicConfig` prints to the console). */
  stderr?: boolean;
}

/**
 * As Python's `logging.basicConfig(level=…)`: a chosen level goes to the file and to stderr; without one, info goes to
 * the file only. A level that is none throws, naming the allowed ones.
 */
export function setupLogging(options: SetupLoggingOptions = {}): void {
  const choice = chooseLogLevel(options.level, process.env);
  if (choice.refused !== null) throw new OrchestrationError(choice.refused.replace('--log-level', 'setupLogging level'));
  setUpEngineLog(homePaths(options.home ?? defaultHome()).logs, choice.level, process.env, options.stderr);
}

/** Resolves once every record logged so far is in the file (to read it back, say). */
export const flushLogging = flushEngineLog;

/** Writes out what is buffered and closes the file: await it before the program ends. */
export const closeLogging = closeEngineLog;
