// The x range of the time charts. uPlot widens a lone time (or one repeated) by 86400/ms — 86,400,000 s, some 1,000
// days, with times in seconds — so a chart with one sample, one run or one day read as an axis over three years
// (2027–2029 in Dec 2026). Every time chart's range goes through here: a lone time is read as itself, and a range the
// user dragged (a zoom) is kept as it is.
import type uPlot from 'uplot';

export type TimeRange = [number, number];

/** The chart's first and last x (seconds); null when it has no point. */
export function dataSpan(xs: ArrayLike<number | null | undefined>): TimeRange | null {
  let first: number | null = null;
  let last: number | null = null;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    if (x == null || !Number.isFinite(x)) continue;
    first ??= x;
    last = x;
  }
  return first === null || last === null ? null : [first, last];
}

/** What uPlot asks a range for, as the times it means: `now` without data, the one time when it widened a lone one. */
export function askedSpan(xs: ArrayLike<number | null | undefined>, min: number | null, max: number | null, now: number): TimeRange {
  const span = dataSpan(xs);
  if (min == null || max == null) return span ?? [now, now];
  if (span !== null && span[0] === span[1] && min === span[0]) return span;
  return [min, max];
}

/** The monitor's live window: up to the latest sample, at least the last minute of it. */
export const liveRange = ([from, to]: TimeRange): TimeRange => [Math.min(from, to - 60), to];

/** The span padded by `pad` seconds each side (half a day keeps the first and last days' bars whole). */
export const paddedRange = ([from, to]: TimeRange, pad: number): TimeRange => [from - pad, to + pad];

/** A time scale whose range is `shape` of the span uPlot asks for, read by askedSpan. */
export function timeScale(shape: (span: TimeRange) => TimeRange): uPlot.Scale {
  return {
    time: true,
    range: (u: uPlot, min: number | null, max: number | null): uPlot.Range.MinMax => shape(askedSpan(u.data[0] ?? [], min, max, Date.now() / 1000)),
  };
}
