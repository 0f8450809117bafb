// A card's 30-day sparkline drawn straight on a canvas: the runs per day as stacked bars (completed under failed under
// other), the median duration as a line — the geometry uPlot gave it (bars 70 % of a day, a 1 px gap, at most 14 px
// wide; half a day of margin either side), without a chart instance per card: fifty cards draw in one pass.
import type { Aligned } from './chart-data.js';

export interface SparklineColours {
  succeeded: string;
  failed: string;
  other: string;
  accent: string;
}

/** Space above the tallest bar, as the chart had it. */
const TOP_PADDING = 2;

/**
 * Draws `data` (stackedDaily's [x seconds, all, completed+failed, completed, median s]) over a `width` × `height` box
 * (CSS px) at `ratio` device pixels per CSS pixel.
 */
export function drawSparkline(context: CanvasRenderingContext2D, width: number, height: number, ratio: number, data: Aligned, colours: SparklineColours): void {
  const [x, all, failedUp, completed, medians] = data;
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.clearRect(0, 0, context.canvas.width, context.canvas.height);
  if (x.length === 0 || all === undefined || failedUp === undefined || completed === undefined || medians === undefined) return;
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
  for (const [series, colour] of [[all, colours.other], [failedUp, colours.failed], [completed, colours.succeeded]] as const) {
    context.fillStyle = colour;
    series.forEach((value, i) => {
      if (value === null || value <= 0) return;
      const top = yRuns(value);
      context.fillRect(xPos(x[i]!) - barWidth / 2, top, barWidth, plotTop + plotHeight - top);
    });
  }

  const secondsTop = Math.max(1, ...medians.map((value) => value ?? 0)) * 1.1;
  context.strokeStyle = colours.accent;
  context.lineWidth = 1.5 * ratio;
  context.lineJoin = 'round';
  context.beginPath();
  let drawing = false;
  medians.forEach((value, i) => {
    // Days without a median are spanned, not breaks in the line.
    if (value === null) return;
    const px = xPos(x[i]!);
    const py = plotTop + (1 - value / secondsTop) * plotHeight;
    if (drawing) context.lineTo(px, py);
    else context.moveTo(px, py);
    drawing = true;
  });
  context.stroke();
}
