import { describe, expect, it } from 'vitest';
import type uPlot from 'uplot';
import { dailyStatusOptions, durationOptions, monitorOptions } from '../../../../renderer/ui/charts/chart-options.js';
import type { ChartTheme } from '../../../../renderer/ui/charts/chart-theme.js';
import { askedSpan, dataSpan } from '../../../../renderer/ui/charts/time-range.js';

const T = Date.UTC(2026, 11, 1, 5, 44) / 1000;
/** What uPlot passes a time scale's range for one point: the time, and the time plus 86400/ms (ms = 1e-3). */
const WIDENED: [number, number] = [T, T + 86_400_000];
const YEAR = 365 * 86_400;
const theme = new Proxy({ palette: ['#112233'] }, { get: (target, key) => (key in target ? target[key as 'palette'] : '#445566') }) as unknown as ChartTheme;
/** A chart's x range as uPlot asks it, for these x values. */
const xRange = (scale: uPlot.Scale | undefined, xs: number[], asked: [number | null, number | null] = WIDENED): [number, number] => {
  const range = scale?.range as (u: uPlot, min: number | null, max: number | null, key: string) => [number, number];
  return range({ data: [xs, xs.map(() => 1)] } as unknown as uPlot, ...asked, 'x');
};
const monitor = () => monitorOptions(theme, [{ label: 'CPU', colour: '#000000' }], '%', 100).scales!.x;

describe('time chart ranges', () => {
  it('read one sample as the last minute, not years ahead (the monitor\'s axis read 2027–2029)', () => {
    expect(xRange(monitor(), [T])).toEqual([T - 60, T]);
  });

  it('keep the monitor\'s window on the samples it has, at least a minute of them', () => {
    expect(xRange(monitor(), [T - 600, T - 300, T], [T - 600, T])).toEqual([T - 600, T]);
    expect(xRange(monitor(), [T - 5, T], [T - 5, T])).toEqual([T - 60, T]);
  });

  it('keep a range the user dragged over a project\'s runs, and pad it as before', () => {
    const runs = [T - 7200, T - 3600, T];
    expect(xRange(durationOptions(theme, ['ci']).scales!.x, runs, [T - 5000, T - 1000])).toEqual([T - 5000, T - 1000]);
    expect(xRange(dailyStatusOptions(theme).scales!.x, [T - 86_400, T], [T - 86_400, T])).toEqual([T - 129_600, T + 43_200]);
  });

  it('pad one day of runs by half a day, and one run by a quarter of an hour', () => {
    expect(xRange(dailyStatusOptions(theme).scales!.x, [T])).toEqual([T - 43_200, T + 43_200]);
    const [from, to] = xRange(durationOptions(theme, ['ci']).scales!.x, [T]);
    expect(to - from).toBeLessThan(YEAR / 100);
    expect([from, to]).toEqual([T - 900, T + 900]);
  });

  it('skip gaps when finding the span, and read no data as now', () => {
    expect(dataSpan([null, T, T + 5, null])).toEqual([T, T + 5]);
    expect(dataSpan([])).toBeNull();
    expect(askedSpan([], null, null, T)).toEqual([T, T]);
    const [from, to] = xRange(monitor(), [], [null, null]);
    expect(to - from).toBe(60);
    expect(Math.abs(to - Date.now() / 1000)).toBeLessThan(5);
  });
});
