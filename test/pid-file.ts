// Reading a pid that another process writes to a file (redis-server's pid file, a step's `echo $$ > x.pid`): the file
// exists a moment before the pid is in it, and an empty one read as a number is 0 — which process.kill takes as this
// process's own group (under CI, with no job control, all of `npm test`). Shared by vitest and Playwright helpers.
import { existsSync, readFileSync } from 'node:fs';

/** The pid in the file, or null while it is missing, empty or holds no process's pid (0 and 1 never are a test's). */
export function readPidFile(path: string): number | null {
  if (!existsSync(path)) return null;
  const pid = Number(readFileSync(path, 'utf8').trim());
  return Number.isInteger(pid) && pid > 1 ? pid : null;
}
