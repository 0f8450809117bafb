// The Runs view's history: its filters (every project unless one is chosen), the page shown, the runs on it (their
// records live in the run store) and the workflow names its filter offers per project.
import { createStore } from 'zustand/vanilla';
import type { RequestOf } from '../../shared/ipc.js';
import type { ExecutionStatus, RunOrigin } from '../../shared/model.js';

export const PAGE_SIZE = 50;

export type TimeRange = 'any' | 'hour' | 'day' | 'week';

export interface HistoryFilters {
  /** null: runs of every project (and of none), each row naming its project. */
  projectId: string | null;
  workflowName: string | null;
  status: ExecutionStatus | null;
  origin: RunOrigin | null;
  range: TimeRange;
}

export const NO_FILTERS: HistoryFilters = { projectId: null, workflowName: null, status: null, origin: null, range: 'any' };

const RANGE_MS: Record<Exclude<TimeRange, 'any'>, number> = { hour: 3_600_000, day: 86_400_000, week: 7 * 86_400_000 };

/** The runs.list request for a page of history under these filters. */
export function historyRequest(filters: HistoryFilters, page: number, now: number): RequestOf<'runs.list'> {
  const request: RequestOf<'runs.list'> = { limit: PAGE_SIZE + 1, offset: page * PAGE_SIZE };
  if (filters.projectId !== null) request.projectId = filters.projectId;
  if (filters.workflowName !== null) request.workflowName = filters.workflowName;
  if (filters.status !== null) request.status = filters.status;
  if (filters.origin !== null) request.origin = filters.origin;
  if (filters.range !== 'any') request.since = Math.max(0, now - RANGE_MS[filters.range]);
  return request;
}

/** Whether a run belongs on the history under these filters: new runs join the first page as they start. */
export function matchesFilters(run: { projectId: string | null; workflowName: string; status: ExecutionStatus; origin: RunOrigin; startTime: number }, filters: HistoryFilters, now: number): boolean {
  if (filters.projectId !== null && run.projectId !== filters.projectId) return false;
  if (filters.workflowName !== null && run.workflowName !== filters.workflowName) return false;
  if (filters.status !== null && run.status !== filters.status) return false;
  if (filters.origin !== null && run.origin !== filters.origin) return false;
  return filters.range === 'any' || run.startTime >= now - RANGE_MS[filters.range];
}

export interface RunHistoryState {
  filters: HistoryFilters;
  page: number;
  /** Execution ids on the page, in the engine's order (newest first). */
  ids: readonly string[];
  hasMore: boolean;
  loading: boolean;
  /** Each project's workflow names, for the workflow filter. */
  workflowNames: ReadonlyMap<string, readonly string[]>;
  setFilters(change: Partial<HistoryFilters>): void;
  setPage(page: number): void;
  startLoading(): void;
  /** The page's rows: one more than a page was asked for, so a next page is known to exist without a count. */
  setRows(ids: readonly string[]): void;
  setWorkflowNames(names: ReadonlyMap<string, readonly string[]>): void;
}

export function createRunHistoryStore() {
  return createStore<RunHistoryState>()((set) => ({
    filters: NO_FILTERS,
    page: 0,
    ids: [],
    hasMore: false,
    loading: false,
    workflowNames: new Map(),
    // Other filters show other runs: back to the first page. Another project has other workflows: their filter is dropped.
    setFilters: (change) => set((state) => {
      const projectChanged = change.projectId !== undefined && change.projectId !== state.filters.projectId && change.workflowName === undefined;
      return { filters: { ...state.filters, ...change, ...(projectChanged ? { workflowName: null } : {}) }, page: 0 };
    }),
    setPage: (page) => set({ page: Math.max(0, page) }),
    startLoading: () => set({ loading: true }),
    setRows: (ids) => set({ ids: ids.slice(0, PAGE_SIZE), hasMore: ids.length > PAGE_SIZE, loading: false }),
    setWorkflowNames: (workflowNames) => set({ workflowNames }),
  }));
}

export type RunHistoryStore = ReturnType<typeof createRunHistoryStore>;
