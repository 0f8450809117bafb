// Actions over runs: start and cancel the shown workflow's run, list recent runs, open one on its canvas.
import type { OrchestratorApi } from '../../shared/ipc.js';
import { selectDirty } from '../stores/graph-store.js';
import { isRunActive } from '../stores/run-selectors.js';
import type { Stores } from '../stores/stores.js';
import { attempt } from './attempt.js';

export function createRunActions(
  client: OrchestratorApi,
  stores: Stores,
  openWorkflow: (name: string, projectId?: string | null) => Promise<boolean>,
  save: () => Promise<boolean>,
) {
  const { app, graph, runs, notices } = stores;

  /** Save-and-run: the engine runs the file on disk, so unsaved edits are saved first. */
  const startRun = async (): Promise<string | undefined> => {
    if (selectDirty(graph.getState()) && !(await save())) return undefined;
    const shown = graph.getState().shown;
    if (shown === null) return undefined;
    const started = await attempt(notices, () => client.invoke('runs.start', { projectId: shown.projectId, workflowName: shown.name }));
    if (started !== undefined) runs.getState().show(started.executionId);
    return started?.executionId;
  };

  const cancelRun = async (): Promise<void> => {
    const executionId = runs.getState().shownExecutionId;
    if (executionId === null) return;
    await attempt(notices, () => client.invoke('runs.cancel', { executionId }));
  };

  const loadRuns = async (): Promise<void> => {
    const list = await attempt(notices, () => client.invoke('runs.list', { limit: 100 }));
    if (list !== undefined) runs.getState().setRecent(list);
  };

  /** Fetches a run's full record (steps included) into the run store; false when it is gone. */
  const fetchRun = async (executionId: string): Promise<boolean> => {
    const execution = await attempt(notices, () => client.invoke('runs.get', { executionId }));
    if (execution === undefined) return false;
    if (execution === null) {
      notices.getState().report({ message: `run ${executionId} no longer exists`, code: 'not-found', problems: [] });
      return false;
    }
    runs.getState().loadExecution(execution);
    return true;
  };

  const openRun = async (executionId: string): Promise<void> => {
    if (!(await fetchRun(executionId))) return;
    const summary = runs.getState().runs.get(executionId)?.summary;
    if (summary == null) return;
    const shown = graph.getState().shown;
    const projectId = summary.projectId ?? app.getState().projectId;
    const sameWorkflow = shown !== null && shown.name === summary.workflowName && shown.projectId === projectId;
    if (!sameWorkflow && !(await openWorkflow(summary.workflowName, projectId))) return;
    runs.getState().show(executionId);
    app.getState().showView('editor');
  };

  /** After a reconnect: events sent while the socket was down are lost, so re-read every run still in motion. */
  const refreshActiveRuns = async (): Promise<void> => {
    const { runs: records, shownExecutionId } = runs.getState();
    const ids = [...records.values()].filter((record) => isRunActive(record)).map((record) => record.executionId);
    if (shownExecutionId !== null && !ids.includes(shownExecutionId)) ids.push(shownExecutionId);
    await Promise.all(ids.map((id) => fetchRun(id)));
  };

  return { startRun, cancelRun, loadRuns, openRun, refreshActiveRuns };
}
