// Actions over runs: start (with parameters, in the current session when it is of the run's project, around the cache), cancel a run or one step, re-run and resume,
// open a run in the run view (its record and workflow snapshot), and find runs still live after a reload.
import type { OrchestratorApi } from '../../shared/ipc.js';
import type { StepSelection, Workflow } from '../../shared/model.js';
import type { Notifier } from '../app/browser-notifier.js';
import { shouldAskPermission } from './run-notifications.js';
import { selectDirty } from '../editor/graph-store.js';
import { isRunActive } from './run-selectors.js';
import { statsKey } from './run-view-store.js';
import type { Stores } from '../app/stores.js';
import { attempt } from '../app/attempt.js';
import { sessionForRun } from './run-session.js';

export type RunParams = Record<string, string | number | boolean>;

/** Going around the step cache (issue 18), as `--no-cache` and `--force STEP…` do: nothing read or written, or these steps run anew. */
export interface CacheBypass {
  noCache?: boolean;
  force?: string[];
}

export function createRunActions(client: OrchestratorApi, stores: Stores, save: () => Promise<boolean>, notifier: Notifier) {
  const { app, graph, runs, runView, notices } = stores;

  /** Asked on the first Run, never after the user answered. */
  const askNotifications = (): void => {
    if (shouldAskPermission(notifier.permission())) void notifier.request();
  };

  /**
   * Shows a run started from this page: on the editor's canvas and as a tab of the run view. Its record is read at
   * once: events bring only the steps that change, and the header counts every step of the workflow from the start.
   */
  const adopt = (executionId: string, ran: Workflow | null): void => {
    runView.getState().markStartedHere(executionId);
    runView.getState().openTab(executionId);
    // What was saved is what runs, until the engine's own snapshot arrives with the record.
    if (ran !== null) runView.getState().setSnapshot(executionId, ran);
    runs.getState().show(executionId);
    void fetchRun(executionId);
  };

  /** Save-and-run: the engine runs the file on disk, so unsaved edits are saved first. A selection runs part of it. */
  const startRun = async (params?: RunParams, selection?: StepSelection, bypass: CacheBypass = {}): Promise<string | undefined> => {
    if (selectDirty(graph.getState()) && !(await save())) return undefined;
    const shown = graph.getState().shown;
    if (shown === null) return undefined;
    askNotifications();
    const request = {
      projectId: shown.projectId, workflowName: shown.name, ...(params !== undefined && Object.keys(params).length > 0 ? { params } : {}), ...sessionForRun(stores, shown.projectId, shown.name),
      ...(selection !== undefined ? { selection } : {}),
      ...(bypass.noCache === true ? { noCache: true } : {}), ...(bypass.force !== undefined && bypass.force.length > 0 ? { force: bypass.force } : {}),
    };
    const ran = graph.getState().saved;
    const started = await attempt(notices, () => client.invoke('runs.start', request));
    if (started === undefined) return undefined;
    adopt(started.executionId, ran);
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
      runView.getState().setStats(statsKey(projectId, workflowName), stats);
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
    // Opening it reads its record and snapshot, as adopt would.
    runView.getState().markStartedHere(started.executionId);
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
