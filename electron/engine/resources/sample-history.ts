// The last hour of samples: every sample for the recent minutes, then one averaged point per bucket beyond, so the
// history stays a few hundred points however long the app runs.

export interface HistoryOptions {
  /** How far back history goes (ms). */
  spanMs: number;
  /** Samples younger than this are kept as they are (ms). */
  fullResolutionMs: number;
  /** Older samples are averaged into buckets this wide (ms). */
  bucketMs: number;
}

export const DEFAULT_HISTORY: HistoryOptions = { spanMs: 60 * 60_000, fullResolutionMs: 5 * 60_000, bucketMs: 10_000 };

/** Numbers are averaged, arrays of numbers averaged element-wise; anything else keeps the bucket's last value. */
export class SampleHistory<T extends { t: number }> {
  private recent: T[] = [];
  private buckets: T[] = [];

  constructor(private readonly options: HistoryOptions = DEFAULT_HISTORY) {}

  add(sample: T): void {
    this.recent.push(sample);
    const fullFrom = sample.t - this.options.fullResolutionMs;
    let aged = 0;
    while (aged < this.recent.length && this.recent[aged]!.t < fullFrom) aged++;
    if (aged > 0) this.fold(this.recent.splice(0, aged));
    const from = sample.t - this.options.spanMs;
    while (this.buckets.length > 0 && this.buckets[0]!.t < from) this.buckets.shift();
  }

  /** Oldest first: averaged buckets, then the recent samples. */
  points(): T[] {
    const filling = this.open.length > 0 ? [average(this.open, Math.floor(this.open[0]!.t / this.options.bucketMs) * this.options.bucketMs)] : [];
    return [...this.buckets, ...filling, ...this.recent];
  }

  latest(): T | undefined {
    return this.recent.at(-1) ?? this.buckets.at(-1);
  }

  /** Samples of the bucket being filled: they fold one at a time, so a bucket is averaged once it is complete. */
  private open: T[] = [];

  private fold(samples: T[]): void {
    for (const sample of samples) {
      const bucket = Math.floor(sample.t / this.options.bucketMs);
      const openBucket = this.open.length > 0 ? Math.floor(this.open[0]!.t / this.options.bucketMs) : bucket;
      if (bucket !== openBucket) {
        this.buckets.push(average(this.open, openBucket * this.options.bucketMs));
        this.open = [];
      }
      this.open.push(sample);
    }
  }
}

function average<T extends { t: number }>(group: T[], t: number): T {
  const last = group.at(-1)!;
  const result: Record<string, unknown> = { ...last, t };
  for (const [field, value] of Object.entries(last as Record<string, unknown>)) {
    if (field === 't') continue;
    if (typeof value === 'number') {
      result[field] = mean(group.map((s) => (s as Record<string, unknown>)[field] as number));
    } else if (Array.isArray(value) && value.every((v) => typeof v === 'number')) {
      result[field] = value.map((_, i) => mean(group.map((s) => ((s as Record<string, unknown>)[field] as number[])[i] ?? 0)));
    }
  }
  return result as T;
}

function mean(values: number[]): number {
  return Math.round((values.reduce((sum, v) => sum + v, 0) / values.length) * 1000) / 1000;
}
