import { describe, expect, it } from 'vitest';
import type { DailyRuns, ProjectCard } from '../../../../shared/dashboard.js';
import { daySeconds, durationSeries, projectDaily, projectSuccessRate, stackedDaily, systemSeries, weightedMedian } from '../../../../renderer/ui/charts/chart-data.js';

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
});
