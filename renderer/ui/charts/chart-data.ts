// Shapes the engine's figures into uPlot's aligned arrays: x values first, then one array per series, null where a
// series has no point. Pure, so the shaping is tested without a canvas.
import type { DailyRuns, ProjectCard, ProjectHistory } from '../../../shared/dashboard.js';
import type { SystemSample } from '../../../shared/monitor.js';

export type Series = (number | null)[];
export type Aligned = [number[], ...Series[]];

/** Local midnight of a YYYY-MM-DD day, in epoch seconds (uPlot's time unit). */
export function daySeconds(day: string): number {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year!, (month ?? 1) - 1, date ?? 1).getTime() / 1000;
}

/**
 * Daily runs as bars drawn on top of each other from the tallest down: [x, completed+failed+other, completed+failed,
 * completed, median seconds]. Drawing each later bar over the earlier one shows a stack without uPlot's bands.
 */
export function stackedDaily(daily: readonly DailyRuns[]): Aligned {
  const x = daily.map((day) => daySeconds(day.day));
  return [
    x,
    daily.map((day) => day.completed + day.failed + day.other),
    daily.map((day) => day.completed + day.failed),
    daily.map((day) => day.completed),
    daily.map((day) => (day.medianMs === null ? null : day.medianMs / 1000)),
  ];
}

/**
 * A project's days summed over its workflows. The engine gives each workflow's daily median, not the runs: the
 * project's median is taken as the median of those, each weighted by its runs that day — exact with one workflow.
 */
export function projectDaily(card: ProjectCard): DailyRuns[] {
  const first = card.workflows[0];
  if (first === undefined) return [];
  return first.daily.map((day, index) => {
    const days = card.workflows.map((workflow) => workflow.daily[index]).filter((entry): entry is DailyRuns => entry !== undefined);
    const completed = days.reduce((sum, entry) => sum + entry.completed, 0);
    const failed = days.reduce((sum, entry) => sum + entry.failed, 0);
    const other = days.reduce((sum, entry) => sum + entry.other, 0);
    const medians = days.filter((entry) => entry.medianMs !== null).map((entry) => ({ value: entry.medianMs!, weight: entry.completed + entry.failed + entry.other }));
    return { day: day.day, completed, failed, other, medianMs: weightedMedian(medians) };
  });
}

/** The value under which half the weight lies; a weight under 1 counts as 1, so a median without runs still counts. */
export function weightedMedian(values: readonly { value: number; weight: number }[]): number | null {
  const points = values.map((point) => ({ value: point.value, weight: Math.max(1, point.weight) })).sort((a, b) => a.value - b.value);
  const total = points.reduce((sum, point) => sum + point.weight, 0);
  let seen = 0;
  for (const point of points) {
    seen += point.weight;
    if (seen * 2 >= total) return point.value;
  }
  return null;
}

/** Completed share of a project's finished runs over the window, 0..1; null without any. */
export function projectSuccessRate(daily: readonly DailyRuns[]): number | null {
  const completed = daily.reduce((sum, day) => sum + day.completed, 0);
  const finished = daily.reduce((sum, day) => sum + day.completed + day.failed, 0);
  return finished === 0 ? null : completed / finished;
}

/** One series per workflow over the runs' start times (seconds); each run is a point of its workflow only. */
export function durationSeries(durations: ProjectHistory['durations']): { names: string[]; data: Aligned } {
  const names = [...new Set(durations.map((run) => run.workflowName))].sort();
  const column = new Map(names.map((name, index) => [name, index]));
  const sorted = [...durations].sort((a, b) => a.startTime - b.startTime);
  const x = sorted.map((run) => run.startTime / 1000);
  const series: Series[] = names.map(() => new Array<number | null>(sorted.length).fill(null));
  sorted.forEach((run, index) => {
    series[column.get(run.workflowName)!]![index] = run.durationMs / 1000;
  });
  return { names, data: [x, ...series] };
}

export interface SystemSeries {
  cpu: Aligned;
  cores: Aligned;
  memory: Aligned;
  load: Aligned;
}

/**
 * A pause this long between two samples is a time nobody measured (no window was open, so nothing sampled): the charts
 * break their lines there rather than draw a straight line across minutes never sampled. The monitor samples every
 * second, skips a slow sample on a busy machine, and keeps samples older than five minutes as one point per 10 s
 * (sample-history.ts): two such points missing in a row is a gap.
 */
export const MONITOR_GAP_MS = 25_000;

/** The machine's samples as the monitor's four charts: CPU % (total and per core), memory used (MB), load averages. */
export function systemSeries(measured: readonly SystemSample[]): SystemSeries {
  // A point of nothing in each gap: uPlot leaves a null unjoined.
  const samples: (SystemSample | { t: number; gap: true })[] = [];
  for (let i = 0; i < measured.length; i++) {
    const sample = measured[i]!;
    const previous = measured[i - 1];
    if (previous !== undefined && sample.t - previous.t > MONITOR_GAP_MS) samples.push({ t: (previous.t + sample.t) / 2, gap: true });
    samples.push(sample);
  }
  const x = samples.map((sample) => sample.t / 1000);
  const of = (read: (sample: SystemSample) => number | null | undefined): (number | null)[] => samples.map((sample) => ('gap' in sample ? null : read(sample) ?? null));
  const coreCount = measured.reduce((most, sample) => Math.max(most, sample.cores.length), 0);
  const cores = Array.from({ length: coreCount }, (_, core) => of((sample) => {
    const value = sample.cores[core];
    return value === undefined ? null : value * 100;
  }));
  return {
    cpu: [x, of((sample) => sample.cpu * 100)],
    cores: [x, ...cores],
    memory: [x, of((sample) => sample.memUsedMB)],
    load: [x, ...[0, 1, 2].map((k) => of((sample) => sample.load[k]))],
  };
}
