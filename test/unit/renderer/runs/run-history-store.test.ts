import { describe, expect, it } from 'vitest';
import { createRunHistoryStore, historyRequest, matchesFilters, NO_FILTERS, PAGE_SIZE } from '../../../../renderer/runs/run-history-store.js';
import { summary } from '../fixtures.js';

describe('the run history', () => {
  it('no filters ask for the first page of every project\'s runs, one row more than a page', () => {
    expect(historyRequest(NO_FILTERS, 0, 0)).toEqual({ limit: PAGE_SIZE + 1, offset: 0 });
  });

  it('each filter becomes its field of runs.list, the time range a since', () => {
    const now = 10 * 86_400_000;
    expect(historyRequest({ projectId: 'p1', workflowName: 'ci', status: 'failed', origin: 'cli', range: 'day' }, 2, now)).toEqual({
      projectId: 'p1', workflowName: 'ci', status: 'failed', origin: 'cli', since: now - 86_400_000, limit: PAGE_SIZE + 1, offset: 2 * PAGE_SIZE,
    });
  });

  it('changing a filter goes back to the first page; one row over a page means there is another', () => {
    const store = createRunHistoryStore();
    store.getState().setPage(3);
    store.getState().setFilters({ status: 'completed' });
    expect(store.getState().page).toBe(0);
    store.getState().setRows(Array.from({ length: PAGE_SIZE + 1 }, (_, i) => `e${i}`));
    expect(store.getState().ids).toHaveLength(PAGE_SIZE);
    expect(store.getState().hasMore).toBe(true);
  });

  it('choosing another project drops the workflow filter, whose names were the other project\'s', () => {
    const store = createRunHistoryStore();
    store.getState().setFilters({ projectId: 'p1', workflowName: 'ci' });
    expect(store.getState().filters).toMatchObject({ projectId: 'p1', workflowName: 'ci' });
    store.getState().setFilters({ status: 'failed' });
    expect(store.getState().filters.workflowName).toBe('ci');
    store.getState().setFilters({ projectId: 'p2' });
    expect(store.getState().filters).toMatchObject({ projectId: 'p2', workflowName: null, status: 'failed' });
  });

  it('a run that starts now joins the page only when it matches the filters', () => {
    const run = summary('e1', { workflowName: 'ci', origin: 'mcp', startTime: 5_000, projectId: 'p1' });
    expect(matchesFilters(run, NO_FILTERS, 6_000)).toBe(true);
    expect(matchesFilters(run, { ...NO_FILTERS, projectId: 'p1' }, 6_000)).toBe(true);
    expect(matchesFilters(run, { ...NO_FILTERS, origin: 'app' }, 6_000)).toBe(false);
    expect(matchesFilters(run, { ...NO_FILTERS, projectId: 'other' }, 6_000)).toBe(false);
    expect(matchesFilters(run, { ...NO_FILTERS, range: 'hour' }, 5_000 + 3_600_001)).toBe(false);
  });
});
