// The engine's own log as every door sees it: the guide's five levels, one record's shape, and how a level is named.

/** The upstream guide's levels, lowest first (Python logging's names, written in lower case in each record). */
export const LOG_LEVELS = ['debug', 'info', 'warning', 'error', 'critical'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** What `--log-level` and CODOMYRMEX_LOG_LEVEL accept: a level, or `off` for no engine log at all. */
export type LogThreshold = LogLevel | 'off';

/** `INFO`, `warn`, `Warning`: Python's upper-case names and the common `warn` / `fatal` spellings are accepted too. */
const ALIASES: Record<string, LogThreshold> = { warn: 'warning', fatal: 'critical', off: 'off', silent: 'off', none: 'off' };

/** The threshold a user's text names, or null when it names none (the caller says what is allowed: `allowedLevels`). */
export function parseLogLevel(text: string): LogThreshold | null {
  const word = text.trim().toLowerCase();
  if ((LOG_LEVELS as readonly string[]).includes(word)) return word as LogLevel;
  return Object.hasOwn(ALIASES, word) ? ALIASES[word]! : null;
}

/** The allowed words, for a refusal: "debug, info, warning, error, critical or off". */
export const allowedLevels = `${LOG_LEVELS.join(', ')} or off`;

/** Whether a record of `level` passes a filter set at `threshold`. */
export function atLeast(level: LogLevel, threshold: LogLevel): boolean {
  return LOG_LEVELS.indexOf(level) >= LOG_LEVELS.indexOf(threshold);
}

/** One record of the engine's log, as the log panel reads it back from the file. */
export interface EngineLogRecord {
  /** When the record was written (epoch milliseconds, as pino writes it: the cheapest time to take). */
  time: number;
  level: LogLevel;
  msg: string;
  /** The process that wrote it (the app, `serve`, a `codomyrmex run`: they share one file). */
  pid: number | null;
  /** The registered project a run's records belong to (none for a run outside every project). */
  project?: string;
  workflow?: string;
  executionId?: string;
  step?: string;
  /** Every other field of the record (status, durationMs, attempt, error…). */
  fields: Record<string, unknown>;
}

/** Where a reader got to in the log: the file (one of the rotated ones) and the byte after the last whole line read. */
export interface EngineLogCursor {
  file: string;
  offset: number;
}

export interface EngineLogPage {
  records: EngineLogRecord[];
  /** Where the next read goes on from (null when there is no log yet). */
  cursor: EngineLogCursor | null;
  /** Lines that were no record (cut by a crash, written by hand) and were left out. */
  damaged: number;
  /** The log's path as users find it ($CODOMYRMEX_HOME/logs/codomyrmex.log). */
  path: string;
}
