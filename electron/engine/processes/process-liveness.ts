// Whether a process still runs, as the OS tells it: alive and not a zombie, and — given its start time — not a pid
// reused since. The one place that reads a process's state from /proc; the store and the hosts ask here.
import { readFileSync } from 'node:fs';

/** True while the process exists and has not exited; a zombie waiting to be reaped counts as gone. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  const stat = procStat(pid);
  if (stat === null) return process.platform !== 'linux';
  return stat[stat.lastIndexOf(')') + 2] !== 'Z';
}

/** Linux: the process's start time in clock ticks since boot; null elsewhere or when it is gone. */
export function processStartToken(pid: number): string | null {
  const stat = procStat(pid);
  // Field 22; the command name (field 2) may contain spaces, so count from its closing parenthesis.
  return stat === null ? null : (stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null);
}

/**
 * Whether a process of this machine named by a row still runs: alive and not a zombie, and — where the row kept its
 * start time — not a pid reused by an unrelated process since.
 */
export function stillRunning(pid: number, start: string | null): boolean {
  return isAlive(pid) && (start === null || processStartToken(pid) === start);
}

function procStat(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
}
