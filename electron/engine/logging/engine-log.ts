// The engine's log: pino with the guide's five levels, to a rotating file in the data folder and (when asked) stderr.
import pino, { type Logger } from 'pino';
import { LOG_LEVELS, type LogLevel, type LogThreshold } from '../../../shared/engine-log.js';
import { RollingLogFile, type RotationOptions } from './rolling-log-file.js';
import { stderrDestination } from './stderr-destination.js';

/** Python logging's numbers: pino compares them, the file says the names. */
export const LEVEL_VALUES: Record<LogLevel, number> = { debug: 10, info: 20, warning: 30, error: 40, critical: 50 };

export type EngineLogger = Logger<LogLevel>;

export interface EngineLogOptions {
  /** The folder the log lives in: `$CODOMYRMEX_HOME/logs`. */
  logsDir: string;
  /** What reaches the file (default info). */
  level?: LogThreshold;
  /** What reaches stderr (default off: the doors print their own words; a chosen level shows there too). */
  stderrLevel?: LogThreshold;
  rotation?: Partial<RotationOptions>;
  /** Where stderr records go (tests); default process.stderr. */
  stderr?: { write(text: string): unknown; isTTY?: boolean };
}

const silent = createLogger('off', { write: () => true });
let root: EngineLogger = silent;
let file: RollingLogFile | null = null;
const runs = new Map<string, EngineLogger>();

/** Points the engine's log at a data folder and sets its levels; replaces an earlier setup (its file is flushed). */
export function configureEngineLog(options: EngineLogOptions): EngineLogger {
  void closeEngineLog();
  const level = options.level ?? 'info';
  const stderrLevel = options.stderrLevel ?? 'off';
  const streams: pino.StreamEntry<LogLevel>[] = [];
  if (level !== 'off') {
    file = new RollingLogFile(options.logsDir, options.rotation);
    streams.push({ level, stream: file });
  }
  if (stderrLevel !== 'off') streams.push({ level: stderrLevel, stream: stderrDestination(options.stderr ?? process.stderr) });
  if (streams.length === 0) root = silent;
  else if (streams.length === 1) root = createLogger(streams[0]!.level as LogLevel, streams[0]!.stream);
  else root = createLogger(lowest(level, stderrLevel), pino.multistream(streams, { levels: LEVEL_VALUES, dedupe: false }));
  return root;
}

/** The engine's root logger (silent until a door configures it). */
export function engineLog(): EngineLogger {
  return root;
}

/** A named logger: the five levels, each a pino log function (`info('text')`, `info({ fields }, 'text')`). */
export type NamedLogger = Pick<EngineLogger, LogLevel | 'isLevelEnabled'>;

/**
 * The guide's `get_logger(name)`: the engine's logger with the caller's name on each record. Like Python's, it may be
 * taken before logging is set up (at a module's top): each call goes to the logger as set up at that moment.
 */
export function getLogger(name: string): NamedLogger {
  let bound: { root: EngineLogger; child: EngineLogger } | null = null;
  const current = (): EngineLogger => (bound !== null && bound.root === root ? bound : (bound = { root, child: root.child({ name }) })).child;
  return {
    debug: (...args: Parameters<EngineLogger['debug']>) => current().debug(...args),
    info: (...args: Parameters<EngineLogger['info']>) => current().info(...args),
    warning: (...args: Parameters<EngineLogger['warning']>) => current().warning(...args),
    error: (...args: Parameters<EngineLogger['error']>) => current().error(...args),
    critical: (...args: Parameters<EngineLogger['critical']>) => current().critical(...args),
    isLevelEnabled: (level) => current().isLevelEnabled(level),
  };
}

/**
 * A run's logger: each record carries its project (when it belongs to a registered one), workflow and executionId;
 * steps read it back through `stepLog`.
 */
export function openRunLog(workflow: string, executionId: string, project: string | null = null): EngineLogger {
  const log = root === silent ? silent : root.child(project === null ? { workflow, executionId } : { project, workflow, executionId });
  if (log !== silent) runs.set(executionId, log);
  return log;
}

export function closeRunLog(executionId: string): void {
  runs.delete(executionId);
}

/**
 * A step's logger inside its run (silent when the run has none: logging off, or a run of another engine), or silent
 * too when `level` is given and the run does not log it: no child logger is made for records nobody keeps.
 */
export function stepLog(executionId: string, step: string, level?: Parameters<EngineLogger['isLevelEnabled']>[0]): EngineLogger {
  const run = runs.get(executionId);
  if (run === undefined || (level !== undefined && !run.isLevelEnabled(level))) return silent;
  return run.child({ step });
}

/** Resolves once every record logged so far is in the file. */
export async function flushEngineLog(): Promise<void> {
  await file?.flush();
}

/** Writes what is buffered and closes the file (the doors await it before they exit). */
export async function closeEngineLog(): Promise<void> {
  const closing = file;
  file = null;
  root = silent;
  runs.clear();
  await closing?.close();
}

function createLogger(level: LogThreshold, stream: pino.DestinationStream): EngineLogger {
  return pino<LogLevel, true>(
    {
      level: level === 'off' ? 'silent' : level,
      customLevels: LEVEL_VALUES,
      useOnlyCustomLevels: true,
      base: { pid: process.pid },
      // Epoch milliseconds (pino's default): an ISO string costs a Date and its formatting on every record.
      formatters: { level: (label) => ({ level: label }) },
    },
    stream,
  );
}

function lowest(a: LogThreshold, b: LogThreshold): LogLevel {
  const levels = [a, b].filter((level): level is LogLevel => level !== 'off');
  return levels.sort((x, y) => LOG_LEVELS.indexOf(x) - LOG_LEVELS.indexOf(y))[0]!;
}
