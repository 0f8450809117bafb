// Which files hold the engine's log: codomyrmex.N.log, rotated by pino-roll, the highest N being the current one.
import { existsSync, readdirSync, readlinkSync } from 'node:fs';
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

/**
 * The file being written: the one `codomyrmex.log` links to, unless a later-numbered file exists (a rotation whose
 * process died before it moved the link); else, where there is no link (Windows, a first run), the highest-numbered.
 * The folder also holds a folder per run's logs, thousands after a month of runs: listing it cost every command that
 * logs ~2 ms per thousand at its start, which the link's two lookups avoid.
 */
export function currentLogFile(dir: string): string | null {
  try {
    const linked = readlinkSync(join(dir, ENGINE_LOG_NAME));
    const number = Number(NUMBERED.exec(linked)?.[1] ?? NaN);
    if (Number.isInteger(number) && existsSync(join(dir, linked)) && !existsSync(join(dir, `${ENGINE_LOG_BASE}.${number + 1}.log`))) return join(dir, linked);
  } catch {
    // No link (or a file of that name): the folder says.
  }
  return engineLogFiles(dir).at(-1) ?? null;
}
