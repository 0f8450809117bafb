// Which files hold the engine's log: codomyrmex.N.log, rotated by pino-roll, the highest N being the current one.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export const ENGINE_LOG_BASE = 'codomyrmex';
/** The name users look for: a link to the current numbered file. */
export const ENGINE_LOG_NAME = `${ENGINE_LOG_BASE}.log`;

const NUMBERED = /^codomyrmex\.(\d+)\.log$/;

/** The rotated files, oldest first (by their number, as pino-roll counts). */
export function engineLogFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .map((name) => ({ name, number: Number(NUMBERED.exec(name)?.[1] ?? NaN) }))
    .filter((entry) => Number.isInteger(entry.number))
    .sort((a, b) => a.number - b.number)
    .map((entry) => join(dir, entry.name));
}

export function currentLogFile(dir: string): string | null {
  return engineLogFiles(dir).at(-1) ?? null;
}
