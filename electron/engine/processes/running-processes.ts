// The processes steps are running right now, by run and step: what the resource monitor measures each second.
import type { RunningProcess } from '../resources/resource-monitor.js';
import { StepMeter } from '../resources/step-meter.js';

type PidOf = () => Promise<number | null>;

interface Entry {
  executionId: string;
  step: string;
  pid: PidOf;
  /** The pid once known: asking the process host costs a message, so ask until it answers. */
  known?: number;
}

export class RunningProcesses {
  private readonly entries = new Set<Entry>();
  /** What each step's processes cost, for the runs that measure it (performance monitoring). */
  readonly meter = new StepMeter();

  /** Called when a step's process starts; returns the function to call when it ends. */
  track(executionId: string, step: string, pid: PidOf): () => void {
    const entry: Entry = { executionId, step, pid };
    this.entries.add(entry);
    const metered = this.meter.begin({ executionId, step, pid });
    return () => {
      this.entries.delete(entry);
      metered();
    };
  }

  async list(): Promise<RunningProcess[]> {
    const live = [...this.entries];
    // A pid not known yet (the host has not started the command) is asked for again at the next sample.
    await Promise.all(live.filter((e) => e.known === undefined).map(async (e) => {
      const pid = await e.pid().catch(() => null);
      if (pid !== null) e.known = pid;
    }));
    return live.flatMap((e) => (e.known !== undefined && this.entries.has(e) ? [{ executionId: e.executionId, step: e.step, pid: e.known }] : []));
  }
}
