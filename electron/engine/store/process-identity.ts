// Who a process is, beyond its pid: its start time, so that a pid reused by another process is not taken for the original.
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { isAlive } from '../processes/process-runner.js';

/** How a stored row names the process that owns it (a run) or holds it (a lease). */
export interface ProcessIdentity {
  pid: number;
  host: string;
  start: string | null;
}

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

/** This process, as the rows it writes name it. */
export function thisProcess(): ProcessIdentity {
  return { pid: process.pid, host: hostname(), start: processStartToken(process.pid) };
}

/**
 * Whether a process of this machine named by a row still runs: alive and not a zombie, and — where the row kept its
 * start time — not a pid reused by an unrelated process since.
 */
export function stillRunning(pid: number, start: string | null): boolean {
  return isAlive(pid) && (start === null || processStartToken(pid) === start);
}
