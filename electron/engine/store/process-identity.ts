// Who a process is, as a stored row names it: pid, host and start time, so a pid reused by another process is not
// taken for the original (process-liveness.ts answers whether it still runs).
import { hostname } from 'node:os';
import { processStartToken } from '../processes/process-liveness.js';

/** How a stored row names the process that owns it (a run) or holds it (a lease). */
export interface ProcessIdentity {
  pid: number;
  host: string;
  start: string | null;
}

/** This process, as the rows it writes name it. */
export function thisProcess(): ProcessIdentity {
  return { pid: process.pid, host: hostname(), start: processStartToken(process.pid) };
}
