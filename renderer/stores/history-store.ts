// The Runs view's history: its filters, the page shown, and the runs on it (their records live in the run store).
import { createStore } from 'zustand/vanilla';
import type { RequestOf } from '../../shared/ipc.js';
import type { ExecutionStatus, RunOrigin } from '../../shared/model.js';

export const PAGE_SIZE = 50;

export type TimeRange = 'any' | 'hour' | 'day' | 'week';

export interface HistoryFilters {
  workflowName: string | null;
  status: ExecutionStatus | null;
  origin: RunOrigin | null;
  range: TimeRange;
}

export const NO_FILTERS: HistoryFilters = { workflowName: null, status: null, origin: null, range: 'any' };

const RANGE_MS: Record<Exclude<TimeRange, 'any'>, number> = { hour: 3_600_000, day: 86_400_000, week: 7 * 86_400_000 };

/** The runs.list request for a page of history under these filters. */
export function historyRequest(filters: HistoryFilters, projectId: string | null, page: number, now: number): RequestOf<'runs.list'> {
  const request: RequestOf<'runs.list'> = { limit: PAGE_SIZE + 1, offset: page * PAGE_SIZE };
  if (projectId !== null) request.projectId = projectId;
  if (filters.workflowName !== null) request.workflowName = filters.workflowName;
  if (filters.status !== null) request.status = filters.status;
  if (filters.origin !== null) request.origin = filters.origin;
  if (filters.range !== 'any') request.since = Math.max(0, now - RANGE_MS[filters.range]);
  return request;
}

/** Whether a run belongs on the history under these filters: new runs join the first page as they start. */
export function matchesFilters(run: { projectId: string | null; workflowName: string; status: ExecutionStatus; origin: RunOrigin; startTime: number }, filters: HistoryFilters, projectId: string | null, now: number): boolean {
  if (projectId !== null && run.projectId !== projectId) return false;
  if (filters.workflowName !== null && run.workflowName !== filters.workflowName) return false;
  if (filters.status !== null && run.status !== filters.status) return false;
  if (filters.origin !== null && run.origin !== filters.origin) return false;
  return filters.range === 'any' || run.startTime >= now - RANGE_MS[filters.range];
}

export interface HistoryState {
  filters: HistoryFilters;
  page: number;
  /** Execution ids on the page, in the engine's order (newest first). */
  ids: readonly string[];
  hasMore: boolean;
  loading: boolean;
  setFilters(change: Partial<HistoryFilters>): void;
  setPage(page: number): void;
  startLoading(): void;
  /** The page's rows: one more than a page was asked for, so a next page is known to exist without a count. */
  setRows(ids: readonly string[]): void;
}

export function createHistoryStore() {
  return createStore<HistoryState>()((set) => ({
    filters: NO_FILTERS,
    page: 0,
    ids: [],
    hasMore: false,
    loading: false,
    // Other filters show other runs: back to the first page.
    setFilters: (change) => set((state) => ({ filters: { ...state.filters, ...change }, page: 0 })),
    setPage: (page) => set({ page: Math.max(0, page) }),
    startLoading: () => set({ loading: true }),
    setRows: (ids) => set({ ids: ids.slice(0, PAGE_SIZE), hasMore: ids.length > PAGE_SIZE, loading: false }),
  }));
}

export type HistoryStore = ReturnType<typeof createHistoryStore>;
