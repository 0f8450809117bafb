import { describe, expect, it } from 'vitest';
import type uPlot from 'uplot';
import { dailyStatusOptions, durationOptions, monitorOptions } from '../../../../renderer/ui/charts/chart-options.js';
import type { ChartTheme } from '../../../../renderer/ui/charts/chart-theme.js';
import { dataSpan, liveRange, paddedRange } from '../../../../renderer/ui/charts/time-range.js';

const T = Date.UTC(2026, 11, 1, 5, 44) / 1000;
/** What uPlot passes a time scale's range for one point: the time, and the time plus 86400/ms (ms = 1e-3). */
const WIDENED: [number, number] = [T, T + 86_400_000];
const YEAR = 365 * 86_400;
const theme = new Proxy({ palette: ['#112233'] }, { get: (target, key) => (key in target ? target[key as 'palette'] : '#445566') }) as unknown as ChartTheme;
/** A chart's x range as uPlot asks it, for these x values. */
const xRange = (scale: uPlot.Scale | undefined, xs: number[]): [number, number] => {
  const range = scale?.range as (u: uPlot, min: number, max: number, key: string) => [number, number];
  return range({ data: [xs, xs.map(() => 1)] } as unknown as uPlot, ...WIDENED, 'x');
};

describe('time chart ranges', () => {
  it('read one sample as the last minute, not years ahead (the monitor\'s axis read 2027–2029)', () => {
    const [from, to] = xRange(monitorOptions(theme, [{ label: 'CPU', colour: '#000000' }], '%', 100).scales!.x, [T]);
    expect([from, to]).toEqual([T - 60, T]);
  });

  it('keep the monitor\'s window on the samples it has, and the last minute before any', () => {
    expect(liveRange([T - 600, T - 300, T], 0)).toEqual([T - 600, T]);
    expect(liveRange([], T)).toEqual([T - 60, T]);
  });

  it('pad one day of runs by half a day, and one run by a quarter of an hour', () => {
    expect(xRange(dailyStatusOptions(theme).scales!.x, [T])).toEqual([T - 43_200, T + 43_200]);
    const [from, to] = xRange(durationOptions(theme, ['ci']).scales!.x, [T]);
    expect(to - from).toBeLessThan(YEAR / 100);
    expect([from, to]).toEqual([T - 900, T + 900]);
  });

  it('skip gaps when finding the span, and have none without points', () => {
    expect(dataSpan([null, T, T + 5, null])).toEqual([T, T + 5]);
    expect(dataSpan([])).toBeNull();
    expect(paddedRange([], T, 10)).toEqual([T - 10, T + 10]);
  });
});
