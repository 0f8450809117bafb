// The resource monitor: samples the machine and every running step's process tree once a second, keeps the last
// hour (downsampled beyond the last minutes) and hands each sample to whoever listens (the doors push it to the UI).
import type { MonitorSample, SystemSample } from '../../../shared/monitor.js';
import { ProcessUsage } from './process-usage.js';
import { SampleHistory, type HistoryOptions } from './sample-history.js';
import { SystemSampler } from './system-sampler.js';

export type { MonitorSample, StepUsage, SystemSample } from '../../../shared/monitor.js';

/** A running step's process, as the scheduler knows it. */
export interface RunningProcess {
  executionId: string;
  step: string;
  pid: number;
}

export interface ResourceMonitorOptions {
  intervalMs?: number;
  history?: HistoryOptions;
  /** The processes of the steps running now; the monitor asks before every sample. */
  runningProcesses?: () => RunningProcess[] | Promise<RunningProcess[]>;
}

export class ResourceMonitor {
  // Made on first use: every engine has a monitor, but `codomyrmex run` never samples, so it pays nothing for it.
  private systemSampler: SystemSampler | null = null;
  private readonly processes = new ProcessUsage();
  private readonly history: SampleHistory<SystemSample>;
  private readonly listeners = new Set<(sample: MonitorSample) => void>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private sampling = false;
  /** CPU time (µs) the monitor itself spent sampling, for `npm run bench`. */
  ownCpuMicros = 0;
  samples = 0;

  constructor(private readonly options: ResourceMonitorOptions = {}) {
    this.history = new SampleHistory<SystemSample>(options.history);
  }

  /** Starts sampling while anyone listens; returns the function that stops listening. */
  subscribe(listener: (sample: MonitorSample) => void): () => void {
    this.listeners.add(listener);
    this.start();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  /** System samples of the last hour, oldest first. */
  systemHistory(): SystemSample[] {
    return this.history.points();
  }

  /** Takes one sample now (the timer calls this; tests and benches may too). */
  async sample(now = Date.now()): Promise<MonitorSample> {
    const before = process.cpuUsage();
    const system = this.system().sample(now);
    this.history.add(system);
    const running = (await this.options.runningProcesses?.()) ?? [];
    const usage = await this.processes.read(running.map((p) => p.pid), now);
    const steps = running.flatMap((p) => {
      const group = usage.get(p.pid);
      return group === undefined ? [] : [{ executionId: p.executionId, step: p.step, ...group }];
    });
    const spent = process.cpuUsage(before);
    this.ownCpuMicros += spent.user + spent.system;
    this.samples++;
    const sample = { system, steps };
    for (const listener of this.listeners) listener(sample);
    return sample;
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  private system(): SystemSampler {
    return (this.systemSampler ??= new SystemSampler());
  }

  private start(): void {
    if (this.timer !== null) return;
    // The first sample then measures the interval since now, not since the engine started.
    this.system();
    this.timer = setInterval(() => {
      // A slow sample (a busy machine) is skipped rather than stacked.
      if (this.sampling) return;
      this.sampling = true;
      void this.sample().finally(() => (this.sampling = false));
    }, this.options.intervalMs ?? 1000);
    // Sampling alone never keeps the process alive.
    this.timer.unref();
  }
}
