// The x range of the time charts, taken from the data's own first and last times. uPlot widens a lone time (or one
// repeated) by 86400/ms — 86,400,000 s, some 1,000 days, with times in seconds — so a chart with one sample, one run
// or one day read as an axis over three years (2027–2029 in Dec 2026); every time chart's range goes through here.
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

/** The monitor's live window: the data up to its latest sample, at least `least` seconds of it; `now` when empty. */
export function liveRange(xs: ArrayLike<number | null | undefined>, now: number, least = 60): TimeRange {
  const span = dataSpan(xs);
  const end = span?.[1] ?? now;
  return [Math.min(span?.[0] ?? end, end - least), end];
}

/** The data's span padded by `pad` seconds each side (half a day keeps the first and last days' bars whole). */
export function paddedRange(xs: ArrayLike<number | null | undefined>, now: number, pad: number): TimeRange {
  const [first, last] = dataSpan(xs) ?? [now, now];
  return [first - pad, last + pad];
}

/** A time scale whose range comes from `range` over the chart's x values, never from uPlot's widened min and max. */
export function timeScale(range: (xs: ArrayLike<number | null | undefined>, now: number) => TimeRange): uPlot.Scale {
  return { time: true, range: (u: uPlot): uPlot.Range.MinMax => range(u.data[0] ?? [], Date.now() / 1000) };
}
