// What each step's process tree cost: CPU time and peak resident memory, sampled while it runs, summed over attempts.
import { TICKS_PER_SECOND } from '../processes/process-tree.js';
import { PAGE_BYTES, readTrees, type Reading } from './process-usage.js';

/** Often enough that a step of a second is seen several times; one /proc pass serves every running step. */
export const STEP_SAMPLE_MS = 200;

export interface StepCost {
  cpuTimeMs: number;
  peakMemoryMB: number;
}

export interface MeteredProcess {
  executionId: string;
  step: string;
  pid: () => Promise<number | null>;
}

interface Tally {
  process: MeteredProcess;
  known: number | null;
  ticks: number;
  peakPages: number;
  /** Whether any sample saw its tree: a step that ended before the first one has no figures (null), not zeros. */
  seen: boolean;
}

const MB = 1024 * 1024;

export class StepMeter {
  private readonly metered = new Set<string>();
  private readonly live = new Set<Tally>();
  private readonly totals = new Map<string, StepCost>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private sampling = false;

  constructor(private readonly intervalMs = STEP_SAMPLE_MS) {}

  /** Measures the steps of this run from now on (its processes started later are sampled). */
  watch(executionId: string): void {
    this.metered.add(executionId);
  }

  /** Stops measuring a run and forgets what was not taken. */
  unwatch(executionId: string): void {
    this.metered.delete(executionId);
    for (const key of this.totals.keys()) if (key.startsWith(`${executionId}\0`)) this.totals.delete(key);
  }

  /** A step's process started; returns what to call when it ended (its figures then count for the step). */
  begin(process: MeteredProcess): () => void {
    if (!this.metered.has(process.executionId)) return () => {};
    const tally: Tally = { process, known: null, ticks: 0, peakPages: 0, seen: false };
    this.live.add(tally);
    // No sample of its own at start: asking the host for the pid and reading /proc for every step start cost a
    // 400-step shell DAG ~50% of its wall time (627 → 946 ms); the shared timer's one pass serves every live step.
    this.start();
    return () => {
      this.live.delete(tally);
      if (this.live.size === 0) this.stop();
      if (!tally.seen) return;
      const key = keyOf(process.executionId, process.step);
      const before = this.totals.get(key) ?? { cpuTimeMs: 0, peakMemoryMB: 0 };
      this.totals.set(key, {
        cpuTimeMs: before.cpuTimeMs + Math.round((tally.ticks / TICKS_PER_SECOND) * 1000),
        peakMemoryMB: Math.max(before.peakMemoryMB, Math.round(((tally.peakPages * PAGE_BYTES) / MB) * 10) / 10),
      });
    };
  }

  /** A step's figures so far (every attempt whose process ended), removed; null when none of its processes was measured. */
  take(executionId: string, step: string): StepCost | null {
    const key = keyOf(executionId, step);
    const cost = this.totals.get(key) ?? null;
    this.totals.delete(key);
    return cost;
  }

  get sampleIntervalMs(): number {
    return this.intervalMs;
  }

  /** Takes one sample of every live step now (the timer calls this). */
  async sample(): Promise<void> {
    await Promise.all([...this.live].filter((tally) => tally.known === null).map((tally) => this.resolve(tally)));
    const tallies = [...this.live].filter((tally) => tally.known !== null);
    if (tallies.length === 0) return;
    const readings = await readTrees(tallies.map((tally) => tally.known!));
    for (const tally of tallies) absorb(tally, readings.get(tally.known!));
  }

  private async resolve(tally: Tally): Promise<void> {
    if (tally.known !== null) return;
    tally.known = await tally.process.pid().catch(() => null);
  }

  private start(): void {
    if (this.timer !== null) return;
    this.timer = setInterval(() => {
      if (this.sampling) return;
      this.sampling = true;
      void this.sample().finally(() => (this.sampling = false));
    }, this.intervalMs);
    // Measuring never keeps the process alive.
    this.timer.unref();
  }

  private stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }
}

function absorb(tally: Tally, reading: Reading | undefined): void {
  if (reading === undefined) return;
  tally.seen = true;
  // A member that exited takes its ticks along unless a member reaped it: the most seen is the best estimate.
  tally.ticks = Math.max(tally.ticks, reading.ticks + reading.childTicks);
  tally.peakPages = Math.max(tally.peakPages, reading.rssPages);
}

function keyOf(executionId: string, step: string): string {
  return `${executionId}\0${step}`;
}
