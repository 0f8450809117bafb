// CPU and memory of each running step's whole process tree. A step is its own process group (see process-runner),
// so on Linux one pass over /proc groups every process by its group — no `ps` spawned each second. Elsewhere the
// tree comes from pidtree and the figures from pidusage.
import { readdirSync, readFileSync } from 'node:fs';

export interface GroupUsage {
  /** Share of one core used since the previous reading, 0..N (2 = two cores busy). */
  cpu: number;
  memMB: number;
  processes: number;
}

interface Reading {
  /** Clock ticks of user + system time, summed over the group's live processes. */
  ticks: number;
  rssPages: number;
  processes: number;
}

// USER_HZ is 100 on every Linux architecture Node runs on; the kernel reports /proc times in it.
const TICKS_PER_SECOND = 100;
const PAGE_BYTES = 4096;
const MB = 1024 * 1024;

export class ProcessUsage {
  private previous = new Map<number, { ticks: number; at: number }>();

  /** Usage of the process groups led by `leaders` (step pids); a group that has ended is left out. */
  async read(leaders: readonly number[], now = Date.now()): Promise<Map<number, GroupUsage>> {
    if (leaders.length === 0) {
      this.previous.clear();
      return new Map();
    }
    const readings = process.platform === 'linux' ? readProcGroups(new Set(leaders)) : await readWithPidusage(leaders);
    const usage = new Map<number, GroupUsage>();
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

/** One pass over /proc/<pid>/stat: the fields after the command name hold the group (5), times (14, 15), rss (24). */
export function readProcGroups(groups: ReadonlySet<number>): Map<number, Reading> {
  const readings = new Map<number, Reading>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return readings;
  }
  for (const entry of entries) {
    const code = entry.charCodeAt(0);
    if (code < 48 || code > 57) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'latin1');
    } catch {
      continue; // it exited between the listing and the read
    }
    // The command name may hold spaces and parentheses: the fields start after its last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const group = Number(fields[2]);
    if (!groups.has(group)) continue;
    const reading = readings.get(group) ?? { ticks: 0, rssPages: 0, processes: 0 };
    reading.ticks += Number(fields[11]) + Number(fields[12]);
    reading.rssPages += Number(fields[21]);
    reading.processes += 1;
    readings.set(group, reading);
  }
  return readings;
}

async function readWithPidusage(leaders: readonly number[]): Promise<Map<number, Reading>> {
  const [{ default: pidtree }, { default: pidusage }] = await Promise.all([import('pidtree'), import('pidusage')]);
  const readings = new Map<number, Reading>();
  for (const leader of leaders) {
    try {
      const pids = [leader, ...(await pidtree(leader))];
      const stats = await pidusage(pids);
      let ticks = 0;
      let rss = 0;
      for (const stat of Object.values(stats)) {
        // pidusage reports ctime in milliseconds of CPU; convert to ticks so both paths share one unit.
        ticks += (stat.ctime / 1000) * TICKS_PER_SECOND;
        rss += stat.memory;
      }
      readings.set(leader, { ticks, rssPages: rss / PAGE_BYTES, processes: pids.length });
    } catch {
      // The group ended while we looked.
    }
  }
  return readings;
}
