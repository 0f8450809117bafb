// Actions over the run history: set its filters or page, read that page of runs from the engine, and list the
// workflows each project has for the workflow filter.
import type { OrchestratorApi } from '../../shared/ipc.js';
import { historyRequest, type HistoryFilters } from './run-history-store.js';
import type { Stores } from '../app/stores.js';
import { attempt } from '../app/attempt.js';

export function createHistoryActions(client: OrchestratorApi, stores: Stores, now: () => number = Date.now) {
  const { projects, runs, history, notices } = stores;

  const loadHistory = async (): Promise<void> => {
    const { filters, page } = history.getState();
    history.getState().startLoading();
    const list = await attempt(notices, () => client.invoke('runs.list', historyRequest(filters, page, now())));
    // A newer filter or page was asked for meanwhile: its answer wins.
    if (history.getState().filters !== filters || history.getState().page !== page) return;
    if (list === undefined) return history.getState().setRows(history.getState().ids);
    runs.getState().setRecent(list);
    history.getState().setRows(list.map((execution) => execution.executionId));
  };

  const filterHistory = async (change: Partial<HistoryFilters>): Promise<void> => {
    history.getState().setFilters(change);
    await loadHistory();
  };

  const pageHistory = async (page: number): Promise<void> => {
    history.getState().setPage(page);
    await loadHistory();
  };

  /** Every project's workflow names (one small read each); a project that cannot be read offers none. */
  const loadWorkflowNames = async (): Promise<void> => {
    const lists = await Promise.all(projects.getState().projects.map(async (project): Promise<[string, string[]]> => {
      try {
        const list = await client.invoke('workflows.list', { projectId: project.id });
        return [project.id, list.map((entry) => entry.name)];
      } catch {
        return [project.id, []];
      }
    }));
    history.getState().setWorkflowNames(new Map(lists));
  };

  return { loadHistory, filterHistory, pageHistory, loadWorkflowNames };
}
