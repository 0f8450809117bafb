// Every named action the views may call, built over one client and one set of stores.
import type { OrchestratorApi } from '../../shared/ipc.js';
import type { View } from '../stores/app-store.js';
import type { Stores } from '../stores/stores.js';
import { createRunActions } from './run-actions.js';
import { createSessionActions } from './session-actions.js';
import { createWorkflowActions } from './workflow-actions.js';

export function createActions(client: OrchestratorApi, stores: Stores) {
  const workflows = createWorkflowActions(client, stores);
  const runs = createRunActions(client, stores, workflows.openWorkflow);
  const sessions = createSessionActions(client, stores);

  /** Re-reads what the views hold, e.g. after the connection came back. */
  const refresh = async (): Promise<void> => {
    const shown = stores.graph.getState().shown;
    await Promise.all([
      workflows.loadProjects(),
      runs.refreshActiveRuns(),
      stores.runs.getState().order.length > 0 ? runs.loadRuns() : undefined,
      stores.sessions.getState().loaded ? sessions.loadSessions() : undefined,
      stores.resources.getState().loaded ? sessions.loadResources() : undefined,
    ]);
    if (shown !== null) await workflows.loadGraph(shown.name, shown.projectId);
  };

  return {
    ...workflows,
    ...runs,
    ...sessions,
    refresh,
    showView: (view: View) => stores.app.getState().showView(view),
    selectStep: (step: string | null) => stores.graph.getState().selectStep(step),
    dismissNotice: (id: number) => stores.notices.getState().dismiss(id),
  };
}

export type Actions = ReturnType<typeof createActions>;
