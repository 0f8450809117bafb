// Actions over runs: start (with parameters, in the current session), cancel a run or one step, re-run and resume,
// open a run in the run view (its record and workflow snapshot), and find runs still live after a reload.
import type { OrchestratorApi } from '../../shared/ipc.js';
import type { Notifier } from '../app/browser-notifier.js';
import { shouldAskPermission } from '../runs/run-notifications.js';
import { selectDirty } from '../stores/graph-store.js';
import { isRunActive } from '../stores/run-selectors.js';
import type { Stores } from '../stores/stores.js';
import { attempt } from './attempt.js';

export type RunParams = Record<string, string | number | boolean>;

export function createRunActions(client: OrchestratorApi, stores: Stores, save: () => Promise<boolean>, notifier: Notifier) {
  const { app, graph, runs, runView, sessions, notices } = stores;

  /** Asked on the first Run, never after the user answered. */
  const askNotifications = (): void => {
    if (shouldAskPermission(notifier.permission())) void notifier.request();
  };

  /** Shows a run started from this page: on the editor's canvas and as a tab of the run view. */
  const adopt = (executionId: string): void => {
    runView.getState().markStartedHere(executionId);
    runView.getState().openTab(executionId);
    runs.getState().show(executionId);
  };

  /** Save-and-run: the engine runs the file on disk, so unsaved edits are saved first. */
  const startRun = async (params?: RunParams): Promise<string | undefined> => {
    if (selectDirty(graph.getState()) && !(await save())) return undefined;
    const shown = graph.getState().shown;
    if (shown === null) return undefined;
    askNotifications();
    const sessionId = sessions.getState().currentSessionId ?? undefined;
    const request = { projectId: shown.projectId, workflowName: shown.name, ...(params !== undefined && Object.keys(params).length > 0 ? { params } : {}), ...(sessionId !== undefined ? { sessionId } : {}) };
    const started = await attempt(notices, () => client.invoke('runs.start', request));
    if (started === undefined) return undefined;
    adopt(started.executionId);
    return started.executionId;
  };

  const cancelRun = async (executionId = runs.getState().shownExecutionId): Promise<void> => {
    if (executionId === null) return;
    await attempt(notices, () => client.invoke('runs.cancel', { executionId }));
  };

  const cancelStep = async (executionId: string, step: string): Promise<void> => {
    await attempt(notices, () => client.invoke('runs.cancelStep', { executionId, step }));
  };

  /** Fetches a run's full record and workflow snapshot into the stores; false when it is gone. */
  const fetchRun = async (executionId: string): Promise<boolean> => {
    const detail = await attempt(notices, () => client.invoke('runs.get', { executionId }));
    if (detail === undefined) return false;
    if (detail === null) {
      notices.getState().report({ message: `run ${executionId} no longer exists`, code: 'not-found', problems: [] });
      return false;
    }
    const { workflow, ...execution } = detail;
    runs.getState().loadExecution(execution);
    if (!runView.getState().snapshots.has(executionId) || workflow != null) runView.getState().setSnapshot(executionId, workflow ?? null);
    return true;
  };

  /** Past runs' durations of the workflow, for the running run's estimate; failures only cost the estimate. */
  const loadStats = async (workflowName: string, projectId: string | null): Promise<void> => {
    try {
      const stats = await client.invoke('runs.stats', { workflowName, ...(projectId !== null ? { projectId } : {}) });
      runView.getState().setStats(workflowName, stats);
    } catch {
      // No estimate then.
    }
  };

  /** Opens a run in the run view as a tab, as it is now (live) or was (finished). */
  const openRun = async (executionId: string): Promise<void> => {
    runView.getState().openTab(executionId);
    runs.getState().show(executionId);
    runView.getState().selectStep(null);
    runView.getState().showPage('run');
    app.getState().showView('runs');
    if (!(await fetchRun(executionId))) return;
    const summary = runs.getState().runs.get(executionId)?.summary;
    if (summary != null) void loadStats(summary.workflowName, summary.projectId);
  };

  const closeRun = (executionId: string): void => {
    const { tabs } = runView.getState();
    runView.getState().closeTab(executionId);
    if (runs.getState().shownExecutionId !== executionId) return;
    const rest = tabs.filter((id) => id !== executionId);
    runs.getState().show(rest[rest.length - 1] ?? null);
    if (rest.length === 0) runView.getState().showPage('history');
  };

  /** `from: 'failed'` keeps succeeded steps and their outputs; on an interrupted run it is the resume. */
  const rerun = async (executionId: string, from: 'start' | 'failed'): Promise<string | undefined> => {
    askNotifications();
    const started = await attempt(notices, () => client.invoke('runs.rerun', { executionId, from }));
    if (started === undefined) return undefined;
    adopt(started.executionId);
    await openRun(started.executionId);
    return started.executionId;
  };

  /** At start-up and after a reconnect: runs still going (started before a reload, or by the CLI) are watched again. */
  const findLiveRuns = async (): Promise<void> => {
    const live = await attempt(notices, () => client.invoke('runs.list', { status: 'running', limit: 50 }));
    if (live === undefined) return;
    runs.getState().setRecent(live);
    await Promise.all(live.map(async (execution) => {
      runView.getState().openTab(execution.executionId);
      await fetchRun(execution.executionId);
    }));
    if (runs.getState().shownExecutionId === null && live[0] !== undefined) runs.getState().show(live[0].executionId);
  };

  /** After a reconnect: events sent while the socket was down are lost, so re-read every run still in motion. */
  const refreshActiveRuns = async (): Promise<void> => {
    const { runs: records, shownExecutionId } = runs.getState();
    const ids = [...records.values()].filter((record) => isRunActive(record)).map((record) => record.executionId);
    if (shownExecutionId !== null && !ids.includes(shownExecutionId)) ids.push(shownExecutionId);
    await Promise.all(ids.map((id) => fetchRun(id)));
    await findLiveRuns();
  };

  return { startRun, cancelRun, cancelStep, rerun, openRun, closeRun, fetchRun, loadStats, findLiveRuns, refreshActiveRuns, selectRunStep: (step: string | null) => runView.getState().selectStep(step), showRunsPage: (page: 'history' | 'run') => runView.getState().showPage(page) };
}
