// Actions over the Projects dashboard: load the cards and templates, refresh the cards whose runs changed
// (debounced), start a workflow from its card, and the project page (it makes its project current) with its runs
// and history.
import type { OrchestratorApi } from '../../shared/ipc.js';
import type { Stores } from '../app/stores.js';
import { attempt } from '../app/attempt.js';
import { sessionForRun } from '../runs/run-session.js';
import { trailingCall } from '../app/trailing-call.js';

/** Long enough to fold a run's burst of execution events into one fetch, short enough to feel live. */
export const DASHBOARD_REFRESH_MS = 500;

export function createDashboardActions(client: OrchestratorApi, stores: Stores, selectProject: (projectId: string) => Promise<void>) {
  const { dashboard, notices } = stores;

  let loading: Promise<void> | null = null;
  const loadDashboard = (): Promise<void> => {
    // Start-up and the view's mount both ask at once: one read (80 ms server-side on a large store) serves both, and
    // a change after it was sent marks cards stale, which the view's watch refreshes.
    loading ??= (async () => {
      // Whatever was stale is covered by this fetch.
      dashboard.getState().takeStale();
      const cards = await attempt(notices, () => client.invoke('projects.dashboard', {}));
      if (cards !== undefined) dashboard.getState().setCards(cards);
    })().finally(() => {
      loading = null;
    });
    return loading;
  };

  const loadTemplates = async (): Promise<void> => {
    const templates = await attempt(notices, () => client.invoke('templates.list', {}));
    if (templates !== undefined) dashboard.getState().setTemplates(templates);
  };

  /** The page's history and runs: its view asks when it shows a project, however the page was opened. */
  const loadProjectPage = async (projectId: string): Promise<void> => {
    const [history, runs] = await Promise.all([
      attempt(notices, () => client.invoke('projects.history', { projectId })),
      attempt(notices, () => client.invoke('runs.list', { projectId, limit: 100 })),
    ]);
    dashboard.getState().setPageData(projectId, { ...(history !== undefined ? { history } : {}), ...(runs !== undefined ? { runs } : {}) });
  };

  const refreshStale = async (): Promise<void> => {
    const stale = dashboard.getState().takeStale();
    if (stale.size === 0) return;
    // The contract has no per-project card: the whole dashboard is read, but only the stale cards are replaced.
    const cards = await attempt(notices, () => client.invoke('projects.dashboard', {}));
    if (cards !== undefined) dashboard.getState().refreshCards(cards, stale);
    const page = dashboard.getState().page;
    if (page !== null && stale.has(page.projectId)) await loadProjectPage(page.projectId);
  };

  /** Follows the stale cards while the dashboard is on screen; returns the function that stops. */
  const watchDashboard = (delayMs = DASHBOARD_REFRESH_MS): (() => void) => {
    const refresh = trailingCall(() => void refreshStale(), delayMs);
    if (dashboard.getState().stale.size > 0) refresh.schedule();
    const off = dashboard.subscribe((state, previous) => {
      if (state.stale !== previous.stale && state.stale.size > 0) refresh.schedule();
    });
    return () => {
      off();
      refresh.cancel();
    };
  };

  /** Starts a workflow from its card, in the current session if it is of that project; the card follows through execution events. */
  const runWorkflow = async (projectId: string, workflowName: string): Promise<string | undefined> => {
    const started = await attempt(notices, () => client.invoke('runs.start', { projectId, workflowName, ...sessionForRun(stores, projectId, workflowName) }));
    if (started === undefined) return undefined;
    dashboard.getState().markStale([projectId]);
    return started.executionId;
  };

  /** Shows a project's page (null: the cards); the project it shows becomes the current one. */
  const openProjectPage = async (projectId: string | null): Promise<void> => {
    dashboard.getState().openPage(projectId);
    if (projectId !== null) await selectProject(projectId);
  };

  return { loadDashboard, loadTemplates, watchDashboard, refreshStale, runWorkflow, openProjectPage, loadProjectPage };
}
