// `window.__codomyrmexBench`: starts a run through the same client and stores, and reports when its last state is on
// screen. scripts/bench/ui.mjs reads it; it adds no power the UI does not already have.
import type { OrchestratorApi } from '../../shared/ipc.js';
import { countSucceeded, isRunFinished, selectShownStep } from '../runs/run-selectors.js';
import type { Stores } from './stores.js';

export interface BenchResult {
  succeeded: number;
  other: number;
  startTime: number;
  endTime: number;
  lastRenderAt: number;
}

export interface ManyRunsResult {
  /** Runs the store holds completed with every step succeeded (or restored from the cache). */
  complete: number;
  /** Runs whose every step status and attempt count in the store equal the engine's record. */
  exact: number;
  steps: number;
  startedAt: number;
  finishedAt: number;
}

export interface BenchHook {
  runAndWait(workflowName: string): Promise<BenchResult>;
  /** Starts `count` runs of a workflow together, waits for all of them in the store, and checks them against the engine. */
  runManyAndCheck(workflowName: string, count: number): Promise<ManyRunsResult>;
  /** The shown run's step start and end (engine clock), for the log throughput figure. */
  stepTimes(step: string): { startTime: number | null; endTime: number | null } | undefined;
  /** How many nodes the canvas holds (React Flow may render only the visible ones). */
  canvasNodeCount(): number;
  /** Selects steps on the editor's canvas, as a box selection would (the subflow figure selects 500 at once). */
  selectSteps(steps: readonly string[]): void;
  /** Where a step stands on the canvas (flow coordinates), or null. */
  canvasNodePosition(step: string): { x: number; y: number } | null;
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

async function sameAsEngine(client: OrchestratorApi, stores: Stores, executionId: string): Promise<boolean> {
  const engine = await client.invoke('runs.get', { executionId });
  const record = stores.runs.getState().runs.get(executionId);
  if (engine === null || record?.summary == null || engine.status !== record.summary.status) return false;
  const names = Object.keys(engine.steps);
  if (names.length !== record.steps.size) return false;
  return names.every((name) => {
    const mine = record.steps.get(name);
    return mine !== undefined && mine.status === engine.steps[name]!.status && mine.attempts === engine.steps[name]!.attempts;
  });
}

export function createBenchHook(client: OrchestratorApi, stores: Stores, nextFrame: () => Promise<void>): BenchHook {
  return {
    async runManyAndCheck(workflowName, count) {
      await until(stores.app, (state) => state.info !== null);
      const projectId = stores.app.getState().projectId ?? stores.app.getState().info?.projectId ?? null;
      if (projectId === null) throw new Error('no current project to run the workflow in');
      const startedAt = Date.now();
      const ids = await Promise.all(Array.from({ length: count }, () => client.invoke('runs.start', { projectId, workflowName }).then((started) => started.executionId)));
      await Promise.all(ids.map((id) => waitForFinishedRun(stores, id)));
      await nextFrame();
      const finishedAt = Date.now();
      let complete = 0;
      let steps = 0;
      for (const id of ids) {
        const record = stores.runs.getState().runs.get(id)!;
        const { succeeded, other } = countSucceeded(record);
        steps += succeeded + other;
        if (record.summary?.status === 'completed' && other === 0) complete++;
      }
      const exact = (await Promise.all(ids.map((id) => sameAsEngine(client, stores, id)))).filter(Boolean).length;
      return { complete, exact, steps, startedAt, finishedAt };
    },
    stepTimes: (step) => {
      const run = selectShownStep(step)(stores.runs.getState());
      return run === undefined ? undefined : { startTime: run.startTime, endTime: run.endTime };
    },
    canvasNodeCount: () => stores.graph.getState().nodes.length,
    selectSteps: (steps) => stores.graph.getState().select(steps),
    canvasNodePosition: (step) => stores.graph.getState().nodes.find((node) => node.id === step)?.position ?? null,
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
