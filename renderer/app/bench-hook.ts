// `window.__codomyrmexBench`: starts a run through the same client and stores, and reports when its last state is on
// screen. scripts/bench/ui.mjs reads it; it adds no power the UI does not already have.
import type { OrchestratorApi } from '../../shared/ipc.js';
import { countSucceeded, isRunFinished } from '../stores/run-selectors.js';
import type { Stores } from '../stores/stores.js';

export interface BenchResult {
  succeeded: number;
  other: number;
  startTime: number;
  endTime: number;
  lastRenderAt: number;
}

export interface BenchHook {
  runAndWait(workflowName: string): Promise<BenchResult>;
  /** How many nodes the canvas holds (React Flow may render only the visible ones). */
  canvasNodeCount(): number;
}

declare global {
  interface Window {
    __codomyrmexBench?: BenchHook;
  }
}

/** Resolves once the store's state satisfies `ready` (checked now and after every change). */
export function until<S>(store: { getState(): S; subscribe(listener: (state: S) => void): () => void }, ready: (state: S) => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (ready(store.getState())) return resolve();
    const unsubscribe = store.subscribe((state) => {
      if (!ready(state)) return;
      unsubscribe();
      resolve();
    });
  });
}

/** Resolves once the run store holds the run finished, with every step in a final state. */
export const waitForFinishedRun = (stores: Stores, executionId: string): Promise<void> =>
  until(stores.runs, (state) => isRunFinished(state.runs.get(executionId)));

export function createBenchHook(client: OrchestratorApi, stores: Stores, nextFrame: () => Promise<void>): BenchHook {
  return {
    canvasNodeCount: () => stores.graph.getState().nodes.length,
    async runAndWait(workflowName) {
      // The page may still be loading: the project is known once app.info has answered.
      await until(stores.app, (state) => state.info !== null);
      const projectId = stores.app.getState().projectId ?? stores.app.getState().info?.projectId ?? null;
      if (projectId === null) throw new Error('no current project to run the workflow in');
      const { executionId } = await client.invoke('runs.start', { projectId, workflowName });
      await waitForFinishedRun(stores, executionId);
      // The store has committed; the next frame is the one that paints it.
      await nextFrame();
      const lastRenderAt = Date.now();
      const record = stores.runs.getState().runs.get(executionId)!;
      return { ...countSucceeded(record), startTime: record.summary!.startTime, endTime: record.summary!.endTime ?? lastRenderAt, lastRenderAt };
    },
  };
}
