// uPlot options for each kind of chart the app draws with it, coloured from the theme: the project page's runs per day
// and durations, and the monitor's live lines (the dashboard's sparklines are drawn by sparkline.ts).
import uPlot from 'uplot';
import { formatStartTime } from '../../app/format-time.js';
import type { ChartOptions } from './UPlotChart.js';
import type { ChartTheme } from './chart-theme.js';
import { liveRange, paddedRange, timeScale } from './time-range.js';

/** A theme colour (#rrggbb) made translucent; canvas fills do not take color-mix(). */
export function withAlpha(colour: string, alpha: number): string {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  if (match === null) return colour;
  return `rgba(${parseInt(match[1]!, 16)}, ${parseInt(match[2]!, 16)}, ${parseInt(match[3]!, 16)}, ${alpha})`;
}

/** A legend value: '—' where the cursor is on no point (uPlot's own is "--"). */
const shown = (format: (value: number) => string) => (_u: uPlot, value: number | null): string => (value == null ? '—' : format(value));

const bars = (): uPlot.Series.PathBuilder => uPlot.paths.bars!({ size: [0.7, 14], gap: 1 });

const axis = (theme: ChartTheme, extra: uPlot.Axis = {}): uPlot.Axis => ({
  stroke: theme.muted,
  grid: { stroke: theme.grid, width: 1 },
  ticks: { stroke: theme.grid, width: 1 },
  font: '11px system-ui, sans-serif',
  ...extra,
});

/** The stacked bars of runs per day (see stackedDaily): other under failed under completed. */
function statusBars(theme: ChartTheme): uPlot.Series[] {
  return [
    { label: 'Other', value: shown(String), scale: 'runs', fill: theme.other, stroke: theme.other, width: 0, paths: bars(), points: { show: false } },
    { label: 'Failed', value: shown(String), scale: 'runs', fill: theme.failed, stroke: theme.failed, width: 0, paths: bars(), points: { show: false } },
    { label: 'Completed', value: shown(String), scale: 'runs', fill: theme.succeeded, stroke: theme.succeeded, width: 0, paths: bars(), points: { show: false } },
  ];
}

/** Half a day either side, so the first and last days' bars are drawn whole. */
const dayPadded = timeScale((span) => paddedRange(span, 43_200));
/** The runs' start times; a lone run gets a quarter of an hour either side, not an axis of years. */
const runTimes = timeScale((span) => (span[0] === span[1] ? paddedRange(span, 900) : span));

/** The x series as the legend names it: what its time is, and the time under the cursor ('—' away from the chart). */
const timeSeries = (label: string, format: (epochMs: number) => string): uPlot.Series => ({ label, value: shown((seconds) => format(seconds * 1000)) });
const formatDay = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' }).format;
/** A duration in seconds, as the charts' axes give them. */
const inSeconds = shown((value) => `${value.toFixed(1)} s`);

const medianLine = (theme: ChartTheme): uPlot.Series => ({
  label: 'Median duration (s)', scale: 's', stroke: theme.accent, width: 1.5, spanGaps: true, points: { show: false },
  value: inSeconds,
});

/** The project page's runs per day by status, with axes and a legend. */
export function dailyStatusOptions(theme: ChartTheme): ChartOptions {
  return {
    legend: { show: true },
    scales: { x: dayPadded, runs: { range: (_u, _min, max) => [0, Math.max(1, max)] }, s: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.1] } },
    axes: [axis(theme), axis(theme, { scale: 'runs', label: 'runs', size: 40 }), axis(theme, { scale: 's', side: 1, label: 's', size: 40, grid: { show: false } })],
    series: [timeSeries('Day', formatDay), ...statusBars(theme), medianLine(theme)],
  };
}

/** One line of points per workflow: each run's duration at its start time. */
export function durationOptions(theme: ChartTheme, names: readonly string[]): ChartOptions {
  return {
    legend: { show: true },
    scales: { x: runTimes, y: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.1] } },
    axes: [axis(theme), axis(theme, { label: 'seconds', size: 48 })],
    series: [timeSeries('Started', (epochMs) => formatStartTime(epochMs)), ...names.map((name, index) => {
      const colour = theme.palette[index % theme.palette.length]!;
      return { label: name, value: inSeconds, stroke: colour, width: 1.5, spanGaps: true, points: { show: true, size: 4, fill: colour } };
    })],
  };
}

/** At least the last minute: the first seconds after opening read as a short line, not a point stretched over years. */
const liveWindow = timeScale(liveRange);

export interface LineSpec {
  label: string;
  colour: string;
  fill?: boolean;
}

/** The monitor's live lines over the last hour; `max` fixes the top (100 for percentages), else it follows the data. */
export function monitorOptions(theme: ChartTheme, lines: readonly LineSpec[], unit: string, max?: number): ChartOptions {
  return {
    legend: { show: lines.length > 1 },
    cursor: { drag: { x: false, y: false } },
    scales: { x: liveWindow, y: { range: (_u, _min, top) => [0, max ?? Math.max(1, top) * 1.1] } },
    axes: [axis(theme), axis(theme, { size: 50, values: (_u, ticks) => ticks.map((tick) => `${tick}${unit}`) })],
    series: [timeSeries('Time', (epochMs) => formatStartTime(epochMs)), ...lines.map((line) => ({
      label: line.label, value: shown((value) => `${Number(value.toFixed(1))}${unit}`), stroke: line.colour, width: 1.25, points: { show: false },
      ...(line.fill === true ? { fill: withAlpha(line.colour, 0.15) } : {}),
    }))],
  };
}
