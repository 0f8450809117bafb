// Every named action the views may call, built over one client and one set of stores.
import type { OrchestratorApi } from '../../shared/ipc.js';
import { browserNotifier, type Notifier } from './browser-notifier.js';
import type { View } from './app-store.js';
import { appDialogs } from '../ui/dialog-store.js';
import type { Stores } from './stores.js';
import { createCacheActions } from '../resources/cache-actions.js';
import { createCatalogActions } from '../editor/catalog-actions.js';
import { createDashboardActions } from '../projects/dashboard-actions.js';
import type { Dialogs } from '../ui/dialogs.js';
import { createEditActions } from '../editor/edit-actions.js';
import { createEditorUiActions } from '../editor/editor-ui-actions.js';
import { createFileActions } from '../editor/file-actions.js';
import { createGroupActions } from '../editor/group-actions.js';
import { createHistoryActions } from '../runs/run-history-actions.js';
import { createLogActions } from '../runs/log-actions.js';
import { createEngineLogActions } from '../engine-log/engine-log-actions.js';
import { createProjectActions } from '../projects/project-actions.js';
import { createResourceActions } from '../resources/resource-actions.js';
import { createRunActions } from '../runs/run-actions.js';
import { createPartialRunActions } from '../runs/partial-run-actions.js';
import { createSessionActions } from '../sessions/session-actions.js';
import { createSubflowActions } from '../editor/subflow-actions.js';
import { createWorkerActions } from '../resources/worker-actions.js';
import { createWorkflowActions } from '../projects/workflow-actions.js';

export function createActions(client: OrchestratorApi, stores: Stores, dialogs: Dialogs = appDialogs(stores.dialogs), notifier: Notifier = browserNotifier) {
  const workflows = createWorkflowActions(client, stores, dialogs);
  const files = createFileActions(client, stores, dialogs, workflows.mayDiscard, workflows.loadGraph);
  const subflows = createSubflowActions(client, stores, { askName: files.askName, loadGraph: workflows.loadGraph, loadWorkflows: workflows.loadWorkflows, mayDiscard: workflows.mayDiscard, confirm: (question) => dialogs.confirm(question) });
  // A parent saved (or saved to run) right after a conversion waits for its child's file.
  const save = async (): Promise<boolean> => (await subflows.subflowsSaved(), files.save());
  const runs = createRunActions(client, stores, save, notifier);
  const partialRuns = createPartialRunActions(client, stores, dialogs, save, runs.startRun);
  const history = createHistoryActions(client, stores);
  const logs = createLogActions(client, stores);
  const engineLog = createEngineLogActions(client, stores);
  const sessions = createSessionActions(client, stores);
  const catalog = createCatalogActions(client, stores);
  const edits = createEditActions(stores);
  const groups = createGroupActions(stores, dialogs);
  const ui = createEditorUiActions(stores);
  const dashboard = createDashboardActions(client, stores, workflows.selectProject);
  const projectActions = createProjectActions(client, stores, dialogs, async () => {
    await Promise.all([dashboard.loadDashboard(), workflows.loadProjects()]);
  }, workflows.selectProject, workflows.openWorkflow, dashboard.openProjectPage);
  const resourceActions = createResourceActions(client, stores, sessions.loadResources, catalog.loadCatalog);
  const workerActions = createWorkerActions(client, stores, runs.fetchRun);
  const cacheActions = createCacheActions(client, stores, dialogs);

  /** Re-reads what the views hold, e.g. after the connection came back. */
  const refresh = async (): Promise<void> => {
    const state = stores.graph.getState();
    const clean = state.workflow === state.saved;
    await Promise.all([
      workflows.loadProjects(),
      catalog.loadCatalog(),
      runs.refreshActiveRuns(),
      stores.history.getState().ids.length > 0 ? history.loadHistory() : undefined,
      stores.sessions.getState().loaded ? sessions.loadSessions() : undefined,
      stores.resources.getState().loaded ? sessions.loadResources() : undefined,
      stores.dashboard.getState().loaded ? dashboard.loadDashboard() : undefined,
      stores.workers.getState().loaded ? workerActions.loadWorkers() : undefined,
      stores.cache.getState().loaded ? cacheActions.loadCacheStats() : undefined,
    ]);
    // Unsaved edits are never replaced by a refresh; a saved workflow is re-read in case it changed meanwhile.
    if (state.shown !== null && state.shown.revision !== null && clean) await workflows.loadGraph(state.shown.name, state.shown.projectId);
  };

  return {
    ...workflows,
    ...files,
    ...runs,
    ...partialRuns,
    ...history,
    ...subflows,
    save,
    ...logs,
    ...engineLog,
    ...sessions,
    ...catalog,
    ...edits,
    ...groups,
    ...ui,
    ...dashboard,
    ...projectActions,
    ...resourceActions,
    ...workerActions,
    ...cacheActions,
    refresh,
    /** Shows a view; Projects pressed while it shows a project's page goes back to all projects, as a user expects. */
    showView: (view: View) => {
      if (view === 'projects' && stores.app.getState().view === 'projects') stores.dashboard.getState().openPage(null);
      stores.app.getState().showView(view);
    },
    selectStep: (step: string | null) => stores.graph.getState().selectStep(step),
    dismissNotice: (id: number) => stores.notices.getState().dismiss(id),
    dismissErrors: () => stores.notices.getState().dismissErrors(),
  };
}

export type Actions = ReturnType<typeof createActions>;
