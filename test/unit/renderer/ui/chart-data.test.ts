import { describe, expect, it } from 'vitest';
import type { DailyRuns, ProjectCard } from '../../../../shared/dashboard.js';
import { daySeconds, durationSeries, MONITOR_GAP_MS, projectDaily, projectSuccessRate, stackedDaily, systemSeries, weightedMedian } from '../../../../renderer/ui/charts/chart-data.js';

const day = (d: string, completed: number, failed: number, other: number, medianMs: number | null): DailyRuns => ({ day: d, completed, failed, other, medianMs });

describe('chart data shaping', () => {
  it('turns daily runs into aligned arrays of stacked bars and a median line in seconds', () => {
    const data = stackedDaily([day('2026-03-01', 3, 1, 2, 1500), day('2026-03-02', 0, 0, 0, null)]);
    expect(data[0]).toEqual([daySeconds('2026-03-01'), daySeconds('2026-03-02')]);
    expect(data.slice(1)).toEqual([[6, 0], [4, 0], [3, 0], [1.5, null]]);
    expect(daySeconds('2026-03-02') - daySeconds('2026-03-01')).toBe(86_400);
  });

  it('sums a project\'s workflows per day and weights their medians by runs', () => {
    const health = (daily: DailyRuns[]) => ({ workflowName: 'w', lastRun: null, runs: 0, successRate: null, medianDurationMs: null, daily, hasFile: true });
    const card = {
      project: { id: 'p', name: 'p', path: '/p', template: null, status: 'active', createdAt: 0, description: '' },
      missing: false,
      workflows: [health([day('2026-03-01', 3, 0, 0, 1000)]), health([day('2026-03-01', 0, 1, 0, 9000)])],
    } satisfies ProjectCard;
    expect(projectDaily(card)).toEqual([day('2026-03-01', 3, 1, 0, 1000)]);
    expect(projectSuccessRate(projectDaily(card))).toBe(0.75);
    expect(projectSuccessRate([day('2026-03-01', 0, 0, 4, null)])).toBeNull();
    expect(weightedMedian([])).toBeNull();
  });

  it('gives each workflow its own duration series over the runs\' start times, null where another workflow ran', () => {
    const { names, data } = durationSeries([
      { executionId: 'b', workflowName: 'test', startTime: 2_000, durationMs: 4_000, status: 'completed' },
      { executionId: 'a', workflowName: 'build', startTime: 1_000, durationMs: 2_000, status: 'completed' },
    ]);
    expect(names).toEqual(['build', 'test']);
    expect(data).toEqual([[1, 2], [2, null], [null, 4]]);
  });

  it('turns system samples into CPU percentages (total and per core), memory and load series', () => {
    const series = systemSeries([
      { t: 1_000, cpu: 0.5, cores: [0.25, 0.75], memUsedMB: 100, memTotalMB: 200, load: [1, 2, 3] },
      { t: 2_000, cpu: 0.1, cores: [0.1], memUsedMB: 120, memTotalMB: 200, load: [1, 1, 1] },
    ]);
    expect(series.cpu).toEqual([[1, 2], [50, 10]]);
    expect(series.cores).toEqual([[1, 2], [25, 10], [75, null]]);
    expect(series.memory).toEqual([[1, 2], [100, 120]]);
    expect(series.load).toEqual([[1, 2], [1, 1], [2, 1], [3, 1]]);
  });

  it('breaks the lines where nothing was sampled (the app closed for minutes), never a straight line across', () => {
    const at = (t: number, cpu: number) => ({ t, cpu, cores: [cpu], memUsedMB: 100, memTotalMB: 200, load: [1, 1, 1] as [number, number, number] });
    const series = systemSeries([at(1_000, 0.2), at(2_000, 0.6), at(2_000 + MONITOR_GAP_MS + 1, 0.1), at(28_001, 0.3)]);
    expect(series.cpu).toEqual([[1, 2, 14.5005, 27.001, 28.001], [20, 60, null, 10, 30]]);
    expect(series.cores[1]).toEqual([20, 60, null, 10, 30]);
    expect(series.memory[1]![2]).toBeNull();
    expect(series.load.slice(1).map((line) => line[2])).toEqual([null, null, null]);
    // Skipped samples (a busy machine) and the 10 s points of older history, one of them missing, are no gap.
    expect(systemSeries([at(1_000, 0.2), at(4_000, 0.6), at(14_000, 0.5), at(34_000, 0.4)]).cpu).toEqual([[1, 4, 14, 34], [20, 60, 50, 40]]);
  });
});
