// Samples the machine: CPU busy share in total and per core (from the deltas of os.cpus() times), memory and load.
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import type { SystemSample } from '../../../shared/monitor.js';

interface CoreTimes {
  busy: number;
  total: number;
}

const MB = 1024 * 1024;

export class SystemSampler {
  private previous: CoreTimes[] = readCoreTimes();

  /** The usage since the previous call (the first call measures since construction). */
  sample(now = Date.now()): SystemSample {
    const current = readCoreTimes();
    const cores = current.map((times, index) => busyShare(this.previous[index], times));
    this.previous = current;
    const total = cores.length === 0 ? 0 : cores.reduce((sum, share) => sum + share, 0) / cores.length;
    const [one = 0, five = 0, fifteen = 0] = loadavg();
    const memTotal = totalmem();
    return {
      t: now,
      cpu: round(total),
      cores: cores.map(round),
      memUsedMB: Math.round((memTotal - freemem()) / MB),
      memTotalMB: Math.round(memTotal / MB),
      load: [one, five, fifteen],
    };
  }
}

function readCoreTimes(): CoreTimes[] {
  return cpus().map(({ times }) => {
    const busy = times.user + times.nice + times.sys + times.irq;
    return { busy, total: busy + times.idle };
  });
}

function busyShare(before: CoreTimes | undefined, after: CoreTimes): number {
  if (before === undefined) return 0;
  const total = after.total - before.total;
  // A core whose counters did not move (or went back, after a hot-plug) reads idle rather than NaN.
  return total <= 0 ? 0 : Math.min(1, Math.max(0, (after.busy - before.busy) / total));
}

const round = (share: number): number => Math.round(share * 1000) / 1000;
