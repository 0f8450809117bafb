// CPU and memory of each running step's whole process tree: its descendants by parent links, whatever group or
// session they moved to (`timeout` and `setsid` do), as process-tree finds them. On Linux one pass over /proc serves
// every step — no `ps` spawned each second. Elsewhere the tree comes from one `ps` and the figures from pidusage.
import { ProcessTable, TICKS_PER_SECOND } from '../processes/process-tree.js';

export interface TreeUsage {
  /** Share of one core used since the previous reading, 0..N (2 = two cores busy). */
  cpu: number;
  memMB: number;
  processes: number;
}

export interface Reading {
  /** Clock ticks of user + system time, summed over the tree's live processes. */
  ticks: number;
  /** Ticks of children the tree's processes have reaped (Linux; else 0): what ended members had used. */
  childTicks: number;
  rssPages: number;
  processes: number;
}

/** Readings of the process trees of `leaders`, by leader; a tree that has ended is left out. */
export function readTrees(leaders: readonly number[]): Promise<Map<number, Reading>> {
  return process.platform === 'linux' ? Promise.resolve(readProcTrees(leaders)) : readWithPidusage(leaders);
}

export const PAGE_BYTES = 4096;
const MB = 1024 * 1024;

export class ProcessUsage {
  private previous = new Map<number, { ticks: number; at: number }>();

  /** Usage of the process trees of `leaders` (step pids); a tree that has ended is left out. */
  async read(leaders: readonly number[], now = Date.now()): Promise<Map<number, TreeUsage>> {
    if (leaders.length === 0) {
      this.previous.clear();
      return new Map();
    }
    const readings = await readTrees(leaders);
    const usage = new Map<number, TreeUsage>();
    const next = new Map<number, { ticks: number; at: number }>();
    for (const [leader, reading] of readings) {
      const before = this.previous.get(leader);
      const seconds = before === undefined ? 0 : (now - before.at) / 1000;
      // A child that exited takes its ticks with it, so the sum may drop: clamp rather than report negative use.
      const cpu = seconds > 0 ? Math.max(0, (reading.ticks - before!.ticks) / TICKS_PER_SECOND / seconds) : 0;
      usage.set(leader, { cpu: Math.round(cpu * 1000) / 1000, memMB: Math.round((reading.rssPages * PAGE_BYTES) / MB * 10) / 10, processes: reading.processes });
      next.set(leader, { ticks: reading.ticks, at: now });
    }
    this.previous = next;
    return usage;
  }
}

/** One pass over /proc for all the trees; a process in two trees (a step inside another's) counts in both. */
export function readProcTrees(leaders: readonly number[]): Map<number, Reading> {
  const table = ProcessTable.read();
  const readings = new Map<number, Reading>();
  for (const leader of leaders) {
    const reading = { ticks: 0, childTicks: 0, rssPages: 0, processes: 0 };
    for (const pid of table.tree({ pid: leader })) {
      const entry = table.get(pid)!;
      reading.ticks += entry.ticks;
      reading.childTicks += entry.childTicks ?? 0;
      reading.rssPages += entry.rssPages;
      reading.processes += 1;
    }
    if (reading.processes > 0) readings.set(leader, reading);
  }
  return readings;
}

async function readWithPidusage(leaders: readonly number[]): Promise<Map<number, Reading>> {
  const { default: pidusage } = await import('pidusage');
  const table = ProcessTable.read();
  const readings = new Map<number, Reading>();
  for (const leader of leaders) {
    try {
      const pids = [...table.tree({ pid: leader })];
      if (pids.length === 0) continue;
      const stats = await pidusage(pids);
      let ticks = 0;
      let rss = 0;
      for (const stat of Object.values(stats)) {
        // pidusage reports ctime in milliseconds of CPU; convert to ticks so both paths share one unit.
        ticks += (stat.ctime / 1000) * TICKS_PER_SECOND;
        rss += stat.memory;
      }
      readings.set(leader, { ticks, childTicks: 0, rssPages: rss / PAGE_BYTES, processes: pids.length });
    } catch {
      // The group ended while we looked.
    }
  }
  return readings;
}
