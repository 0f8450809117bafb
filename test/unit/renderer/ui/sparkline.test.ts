import { describe, expect, it } from 'vitest';
import type { DailyRuns } from '../../../../shared/dashboard.js';
import { stackedDaily } from '../../../../renderer/ui/charts/chart-data.js';
import { drawSparkline, sparklinePaths } from '../../../../renderer/ui/charts/sparkline.js';

const COLOURS = { succeeded: 'green', failed: 'red', other: 'grey', accent: 'blue' };

/** A 2D context that records what is drawn. */
function recordingContext() {
  const calls: (string | number)[][] = [];
  let fill = '';
  const context = {
    canvas: { width: 200, height: 88 },
    setTransform: () => {},
    clearRect: () => calls.push(['clear']),
    set fillStyle(colour: string) { fill = colour; },
    strokeStyle: '',
    lineWidth: 0,
    lineJoin: '',
    fillRect: (x: number, y: number, w: number, h: number) => calls.push(['bar', fill, x, y, w, h]),
    beginPath: () => {},
    moveTo: (x: number, y: number) => calls.push(['move', x, y]),
    lineTo: (x: number, y: number) => calls.push(['line', x, y]),
    stroke: () => calls.push(['stroke']),
  };
  return { context: context as unknown as CanvasRenderingContext2D, calls };
}

const day = (date: string, completed: number, failed: number, other: number, medianMs: number | null): DailyRuns => ({ day: date, completed, failed, other, medianMs });

describe('a card\'s sparkline', () => {
  it('draws each day\'s runs as bars stacked by status, the busiest day at full height, and the median as one line over days without one', () => {
    const { context, calls } = recordingContext();
    const data = stackedDaily([day('2026-03-10', 2, 1, 1, 10_000), day('2026-03-11', 0, 0, 0, null), day('2026-03-12', 4, 0, 0, 20_000)]);
    drawSparkline(context, 100, 44, 2, data, COLOURS);
    const bars = calls.filter((call) => call[0] === 'bar');
    // Other (all runs) first, failed over it, completed on top: a day without runs draws nothing.
    expect(bars.map((bar) => bar[1])).toEqual(['grey', 'grey', 'red', 'red', 'green', 'green']);
    const plotBottom = 88;
    const top = (bar: (string | number)[]): number => bar[3] as number;
    expect(top(bars[0]!)).toBe(4); // 4 of 4 runs: the full height under the 2 px top padding (at 2 device px per px)
    expect(plotBottom - top(bars[4]!)).toBeCloseTo((2 / 4) * 84); // day one's 2 completed of the 4-run scale
    expect(bars.every((bar) => (bar[4] as number) <= 28 && (bar[4] as number) > 0)).toBe(true); // at most 14 px wide
    expect(calls.filter((call) => call[0] === 'move' || call[0] === 'line').map((call) => call[0])).toEqual(['move', 'line']);
  });

  it('draws nothing but a cleared canvas for a project without days', () => {
    const { context, calls } = recordingContext();
    drawSparkline(context, 100, 44, 1, stackedDaily([]), COLOURS);
    expect(calls).toEqual([['clear']]);
  });

  it('draws the same shapes as SVG paths, for the server\'s first view: each bar where the canvas fills one', () => {
    const data = stackedDaily([day('2026-03-10', 2, 1, 1, 10_000), day('2026-03-11', 0, 0, 0, null), day('2026-03-12', 4, 0, 0, 20_000)]);
    const { context, calls } = recordingContext();
    drawSparkline(context, 250, 43, 1, data, COLOURS);
    const paths = sparklinePaths(data, 250, 43)!;
    const tenth = (value: number): string => String(Math.round(value * 10) / 10);
    // A bar as a stroke of the bar's width up its middle, from the plot's bottom to the bar's top.
    const rect = ([, , x, y, w, h]: (string | number)[]): string => `M${tenth((x as number) + (w as number) / 2)} ${tenth((y as number) + (h as number))}V${tenth(y as number)}`;
    const bars = calls.filter((call) => call[0] === 'bar');
    expect(paths.barWidth).toBe(Number(tenth(bars[0]![4] as number)));
    // Day one has other runs and a failure: all three bars show. Day three's 4 runs all completed: its grey and red bars
    // are hidden behind the green one, and left out.
    const [grey, red, green] = ['grey', 'red', 'green'].map((colour) => bars.filter((bar) => bar[1] === colour).map(rect));
    expect(paths.bars).toEqual([grey![0], red![0], green!.join('')]);
    const points = calls.filter((call) => call[0] === 'move' || call[0] === 'line');
    expect(paths.line).toBe(points.map(([kind, x, y]) => `${kind === 'move' ? 'M' : 'L'}${tenth(x as number)} ${tenth(y as number)}`).join(''));
    expect(sparklinePaths(stackedDaily([]), 250, 43)).toBeNull();
    // Runs that never finished (no median): grey bars only, and no line.
    const unfinished = sparklinePaths(stackedDaily([day('2026-03-10', 0, 0, 3, null), day('2026-03-11', 0, 0, 0, null)]), 250, 43)!;
    expect(unfinished.bars[0]).toMatch(/^M[\d.]+ 43V2$/);
    expect(unfinished.bars.slice(1)).toEqual(['', '']);
    expect(unfinished.line).toBe('');
  });
});
