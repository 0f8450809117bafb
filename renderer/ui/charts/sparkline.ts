// A card's 30-day sparkline: the runs per day as stacked bars (completed under failed under other), the median
// duration as a line — the geometry uPlot gave it (bars 70 % of a day, a 1 px gap, at most 14 px wide; half a day of
// margin either side), without a chart instance per card. The app draws it on a canvas, fifty cards in one pass; the
// server's first view (render-first-view.tsx) draws the same shapes as SVG paths, in the page as it arrives.
import type { Aligned } from './chart-data.js';

export interface SparklineColours {
  succeeded: string;
  failed: string;
  other: string;
  accent: string;
}

/** Space above the tallest bar, as the chart had it. */
const TOP_PADDING = 2;

interface Bar {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Geometry {
  /** Drawn in this order, each over the last: every run (other), completed + failed, completed. */
  bars: [Bar[], Bar[], Bar[]];
  /** The median duration's line, over the days that have one. */
  line: [number, number][];
}

/**
 * The chart's shapes for `data` (stackedDaily's [x seconds, all, completed+failed, completed, median s]) over a
 * `width` × `height` box (CSS px) at `ratio` device pixels per CSS pixel; null for a project without days.
 */
function geometry(data: Aligned, width: number, height: number, ratio: number): Geometry | null {
  const [x, all, failedUp, completed, medians] = data;
  if (x.length === 0 || all === undefined || failedUp === undefined || completed === undefined || medians === undefined) return null;
  const plotWidth = width * ratio;
  const plotTop = TOP_PADDING * ratio;
  const plotHeight = height * ratio - plotTop;
  const left = x[0]! - 43_200;
  const span = x[x.length - 1]! + 43_200 - left;
  const xPos = (seconds: number): number => ((seconds - left) / span) * plotWidth;
  // The narrowest day (a day of a daylight-saving change is 23 hours) sets every bar's width.
  let column = plotWidth;
  for (let i = 1; i < x.length; i++) column = Math.min(column, xPos(x[i]!) - xPos(x[i - 1]!));
  const gap = column * 0.3 + ratio;
  const barWidth = Math.min(14 * ratio, Math.max(ratio, column - (gap < 1 ? 0 : gap)));

  const runsTop = Math.max(1, ...all.map((value) => value ?? 0));
  const yRuns = (value: number): number => plotTop + (1 - value / runsTop) * plotHeight;
  const bars = [all, failedUp, completed].map((series) => {
    const shapes: Bar[] = [];
    series.forEach((value, i) => {
      if (value === null || value <= 0) return;
      const top = yRuns(value);
      shapes.push({ x: xPos(x[i]!) - barWidth / 2, y: top, width: barWidth, height: plotTop + plotHeight - top });
    });
    return shapes;
  }) as Geometry['bars'];

  const secondsTop = Math.max(1, ...medians.map((value) => value ?? 0)) * 1.1;
  const line: [number, number][] = [];
  medians.forEach((value, i) => {
    // Days without a median are spanned, not breaks in the line.
    if (value !== null) line.push([xPos(x[i]!), plotTop + (1 - value / secondsTop) * plotHeight]);
  });
  return { bars, line };
}

/** The line's width in CSS px. */
export const SPARKLINE_LINE_WIDTH = 1.5;

/** Each bar series' colour, in the order they are drawn (see Geometry's bars). */
export const barColours = (colours: SparklineColours): [string, string, string] => [colours.other, colours.failed, colours.succeeded];

/** Draws `data` on a canvas whose bitmap is `width` × `height` CSS px at `ratio` (see geometry). */
export function drawSparkline(context: CanvasRenderingContext2D, width: number, height: number, ratio: number, data: Aligned, colours: SparklineColours): void {
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.clearRect(0, 0, context.canvas.width, context.canvas.height);
  const shapes = geometry(data, width, height, ratio);
  if (shapes === null) return;
  const fills = barColours(colours);
  shapes.bars.forEach((bars, index) => {
    context.fillStyle = fills[index]!;
    for (const bar of bars) context.fillRect(bar.x, bar.y, bar.width, bar.height);
  });
  context.strokeStyle = colours.accent;
  context.lineWidth = SPARKLINE_LINE_WIDTH * ratio;
  context.lineJoin = 'round';
  context.beginPath();
  shapes.line.forEach(([px, py], index) => (index === 0 ? context.moveTo(px, py) : context.lineTo(px, py)));
  context.stroke();
}

/** A coordinate in SVG path data: a tenth of a pixel is finer than any screen draws a scaled chart. */
const at = (value: number): string => String(Math.round(value * 10) / 10);

/**
 * The same chart as SVG path data over a `width` × `height` view box: one path per bar series, each bar a vertical
 * stroke `barWidth` wide from the plot's bottom to its top (a few bytes a bar: fifty cards' charts come with the
 * page), and the line's. Bars are laid out for that width; shown stretched to another (the view box scaled without
 * keeping its aspect, strokes with it), a bar is off by (1 − actual / width) px at most, well under a pixel for a
 * card's chart.
 */
export function sparklinePaths(data: Aligned, width: number, height: number): { barWidth: number; bars: [string, string, string]; line: string } | null {
  const shapes = geometry(data, width, height, 1);
  if (shapes === null) return null;
  // A bar the next series' covers whole (a day without other runs, or without failures) is left out.
  const bars = shapes.bars.map((series, index) => {
    const over = new Map((shapes.bars[index + 1] ?? []).map((bar) => [bar.x, bar.y]));
    return series.filter((bar) => over.get(bar.x) !== bar.y).map((bar) => `M${at(bar.x + bar.width / 2)} ${at(bar.y + bar.height)}V${at(bar.y)}`).join('');
  }) as [string, string, string];
  // Every bar is as wide as the rest: the first one there is gives it.
  const barWidth = shapes.bars.find((series) => series.length > 0)?.[0]?.width ?? 0;
  const line = shapes.line.map(([px, py], index) => `${index === 0 ? 'M' : 'L'}${at(px)} ${at(py)}`).join('');
  return { barWidth: Number(at(barWidth)), bars, line };
}
