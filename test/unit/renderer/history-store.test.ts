import { describe, expect, it } from 'vitest';
import { createHistoryStore, historyRequest, matchesFilters, NO_FILTERS, PAGE_SIZE } from '../../../renderer/stores/history-store.js';
import { summary } from './fixtures.js';

describe('the run history', () => {
  it('no filters ask for the project\'s first page, one row more than a page', () => {
    expect(historyRequest(NO_FILTERS, 'p1', 0, 0)).toEqual({ projectId: 'p1', limit: PAGE_SIZE + 1, offset: 0 });
  });

  it('each filter becomes its field of runs.list, the time range a since', () => {
    const now = 10 * 86_400_000;
    expect(historyRequest({ workflowName: 'ci', status: 'failed', origin: 'cli', range: 'day' }, 'p1', 2, now)).toEqual({
      projectId: 'p1', workflowName: 'ci', status: 'failed', origin: 'cli', since: now - 86_400_000, limit: PAGE_SIZE + 1, offset: 2 * PAGE_SIZE,
    });
  });

  it('changing a filter goes back to the first page; one row over a page means there is another', () => {
    const store = createHistoryStore();
    store.getState().setPage(3);
    store.getState().setFilters({ status: 'completed' });
    expect(store.getState().page).toBe(0);
    store.getState().setRows(Array.from({ length: PAGE_SIZE + 1 }, (_, i) => `e${i}`));
    expect(store.getState().ids).toHaveLength(PAGE_SIZE);
    expect(store.getState().hasMore).toBe(true);
  });

  it('a run that starts now joins the page only when it matches the filters', () => {
    const run = summary('e1', { workflowName: 'ci', origin: 'mcp', startTime: 5_000 });
    expect(matchesFilters(run, NO_FILTERS, 'p1', 6_000)).toBe(true);
    expect(matchesFilters(run, { ...NO_FILTERS, origin: 'app' }, 'p1', 6_000)).toBe(false);
    expect(matchesFilters(run, NO_FILTERS, 'other', 6_000)).toBe(false);
    expect(matchesFilters(run, { ...NO_FILTERS, range: 'hour' }, 'p1', 5_000 + 3_600_001)).toBe(false);
  });
});
