// Who a process is, beyond its pid: its start time, so that a pid reused by another process is not taken for the original.
import { readFileSync } from 'node:fs';

/** Linux: the process's start time in clock ticks since boot; null elsewhere or when it is gone. */
export function processStartToken(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22; the command name (field 2) may contain spaces, so count from its closing parenthesis.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}
