// Actions over projects and workflows: the start-up load, choosing the current project, opening a workflow on the
// canvas (its project becomes current) and the editor's project switcher.
import { tidyGroups } from '../editor/group-notices.js';
import type { OrchestratorApi } from '../../shared/ipc.js';
import { selectDirty } from '../editor/graph-store.js';
import type { Stores } from '../app/stores.js';
import { forgetRunNotOf } from '../runs/run-of-document.js';
import { attempt } from '../app/attempt.js';
import type { Dialogs } from '../ui/dialogs.js';

export const DISCARD_QUESTION = { title: 'Discard unsaved changes?', message: 'The open workflow has unsaved changes. Discard them?', confirmLabel: 'Discard changes', danger: true };

export function createWorkflowActions(client: OrchestratorApi, stores: Stores, dialogs: Dialogs) {
  const { app, projects, graph, runs, notices } = stores;

  const loadWorkflows = async (projectId: string): Promise<void> => {
    projects.getState().loadingWorkflowsOf(projectId);
    const list = await attempt(notices, () => client.invoke('workflows.list', { projectId }));
    projects.getState().setWorkflows(projectId, list ?? []);
  };

  const loadProjects = async (): Promise<void> => {
    const info = await attempt(notices, () => client.invoke('app.info', {}));
    if (info !== undefined) app.getState().setInfo(info);
    // What the engine had to say before this window connected (a database moved aside, a broken settings file).
    if (info?.notices !== undefined && info.notices.length > 0) notices.getState().fromEngine(info.notices.map((notice) => ({ notice })));
    const list = await attempt(notices, () => client.invoke('projects.list', {}));
    if (list === undefined) return;
    projects.getState().setProjects(list);
    // Electron opens on no project in particular: start on the first one rather than an empty page.
    if (app.getState().projectId === null && list[0] !== undefined) app.getState().selectProject(list[0].id);
    const projectId = app.getState().projectId;
    if (projectId !== null) await loadWorkflows(projectId);
  };

  /** True when nothing unsaved would be lost, or the user agreed to lose it. */
  const mayDiscard = async (): Promise<boolean> => !selectDirty(graph.getState()) || (await dialogs.confirm(DISCARD_QUESTION));

  /** Loads a workflow into the graph store without changing the view; false when it could not be read. */
  const loadGraph = async (name: string, projectId: string): Promise<boolean> => {
    graph.getState().startLoading(projectId, name);
    // dagre comes with the workflow rather than with the first view; fetched beside it, so opening waits on neither twice.
    const [result, { placeSteps }] = await Promise.all([
      attempt(notices, () => client.invoke('workflows.get', { projectId, name })),
      import('../canvas/place-steps.js'),
    ]);
    // Another workflow was opened while this one loaded: the later click wins.
    const loading = graph.getState().loading;
    if (loading === null || loading.name !== name || loading.projectId !== projectId) return false;
    if (result === undefined) {
      graph.getState().clear();
      return false;
    }
    const { workflow, file, format, revision, problems } = result;
    // A run of another workflow must not paint its statuses onto this one's nodes.
    forgetRunNotOf(runs, { projectId, name, revision });
    const placed = workflow === null ? null : tidyGroups(placeSteps(workflow, graph.getState().direction), notices);
    graph.getState().open({ projectId, name, file, format, revision }, placed, workflow === null ? problems : []);
    return true;
  };

  const selectProject = async (projectId: string): Promise<void> => {
    app.getState().selectProject(projectId);
    await loadWorkflows(projectId);
  };

  const openWorkflow = async (name: string, projectId = app.getState().projectId): Promise<boolean> => {
    if (projectId === null) return false;
    const shown = graph.getState().shown;
    const same = shown !== null && shown.name === name && shown.projectId === projectId;
    app.getState().showView('editor');
    // Re-opening the workflow already open keeps its edits and history.
    if (same && graph.getState().workflow !== null) return true;
    if (!(await mayDiscard())) return false;
    if (app.getState().projectId !== projectId) void selectProject(projectId);
    return loadGraph(name, projectId);
  };

  /**
   * The editor's project switcher: another project becomes current, and the open workflow (of the project left) is
   * closed — after asking, when it has unsaved edits. False when the user kept it.
   */
  const switchProject = async (projectId: string): Promise<boolean> => {
    const shown = graph.getState().shown;
    if (shown !== null && shown.projectId !== projectId) {
      if (!mayDiscard()) return false;
      graph.getState().clear();
    }
    if (app.getState().projectId !== projectId) await selectProject(projectId);
    return true;
  };

  return { loadProjects, loadWorkflows, loadGraph, openWorkflow, selectProject, switchProject, mayDiscard };
}
