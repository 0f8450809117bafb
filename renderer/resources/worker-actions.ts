// Actions over the queue and its workers: read them, turn the queue on or off (a Redis URL checked before it is sent),
// and keep the Resources view's workers fresh while it is open.
import type { OrchestratorApi } from '../../shared/ipc.js';
import { redisUrlProblem } from '../../shared/workers.js';
import { toApiError } from '../api/api-error.js';
import { attempt } from '../app/attempt.js';
import type { Stores } from '../app/stores.js';
import { trailingCall } from '../app/trailing-call.js';

export const WORKERS_REFRESH_MS = 300;
/** While the queue is on, its connection's state is re-read this often (no event says Redis went away or came back). */
export const QUEUE_RETRY_MS = 2_000;

export function createWorkerActions(client: OrchestratorApi, stores: Stores, fetchRun: (executionId: string) => Promise<boolean>) {
  const { workers, runs, notices } = stores;
  // Runs a worker names that this page has not seen (started before it opened): read once each, to name them.
  const asked = new Set<string>();

  const nameRuns = (executionIds: Iterable<string>): void => {
    for (const id of executionIds) {
      if (asked.has(id) || runs.getState().runs.get(id)?.summary != null) continue;
      asked.add(id);
      void fetchRun(id);
    }
  };

  const loadWorkers = async (): Promise<void> => {
    const status = await attempt(notices, () => client.invoke('workers.list', {}));
    if (status === undefined) return;
    workers.getState().setStatus(status);
    nameRuns([...status.workers.flatMap((worker) => worker.running.map((entry) => entry.executionId)), ...status.waiting.map((entry) => entry.executionId)]);
  };

  /** Turns the queue on through `url`, or off (null); resolves with what is wrong (shown by the field), or null. */
  const configureQueue = async (url: string | null): Promise<string | null> => {
    const text = url?.trim() ?? null;
    const problem = text === null ? null : text === '' ? 'Enter a Redis URL, e.g. redis://localhost:6379' : redisUrlProblem(text);
    if (problem !== null) return problem;
    try {
      workers.getState().setQueue(await client.invoke('queue.configure', { redisUrl: text }));
    } catch (error) {
      return toApiError(error).message;
    }
    await loadWorkers();
    return null;
  };

  /** Refetches (debounced) on worker and queued-step events while the Resources view is open; returns the stop function. */
  const watchWorkers = (delayMs = WORKERS_REFRESH_MS, retryMs = QUEUE_RETRY_MS): (() => void) => {
    const refresh = trailingCall(() => void loadWorkers(), delayMs);
    const off = workers.subscribe((state, previous) => {
      if (state.changes !== previous.changes) refresh.schedule();
    });
    // The contract has no event for the connection itself: while the queue is on, its state is re-read now and then.
    const retry = setInterval(() => {
      if (workers.getState().queue.url !== null) refresh.schedule();
    }, retryMs);
    return () => {
      off();
      refresh.cancel();
      clearInterval(retry);
    };
  };

  return { loadWorkers, configureQueue, watchWorkers };
}
