// The queue and its workers as the Resources view shows them: whether steps go to Redis, the connected workers (kept
// live by `workers.updated`) and the steps waiting for a pool that has none.
import { createStore } from 'zustand/vanilla';
import type { QueueStatus, WorkersStatus } from '../../shared/ipc.js';
import type { WorkerInfo } from '../../shared/model.js';

export interface WorkersState {
  queue: QueueStatus;
  workers: readonly WorkerInfo[];
  waiting: WorkersStatus['waiting'];
  loaded: boolean;
  /** Counts events that may change what `workers.list` says (a step queued for a pool, the workers); watchers refetch. */
  changes: number;
  setStatus(status: WorkersStatus): void;
  setQueue(queue: QueueStatus): void;
  /** From a `workers.updated` event: the list as the engine sees it now. */
  setWorkers(workers: readonly WorkerInfo[]): void;
  noteChange(): void;
}

const QUEUE_OFF: QueueStatus = { url: null, connected: false, problem: null };

const byPoolThenHost = (a: WorkerInfo, b: WorkerInfo): number => a.pool.localeCompare(b.pool) || a.host.localeCompare(b.host) || a.id.localeCompare(b.id);

export function createWorkersStore() {
  return createStore<WorkersState>()((set) => ({
    queue: QUEUE_OFF,
    workers: [],
    waiting: [],
    loaded: false,
    changes: 0,
    setStatus: ({ queue, workers, waiting }) => set({ queue, workers: [...workers].sort(byPoolThenHost), waiting, loaded: true }),
    setQueue: (queue) => set({ queue }),
    setWorkers: (workers) => set((state) => ({ workers: [...workers].sort(byPoolThenHost), changes: state.changes + 1 })),
    noteChange: () => set((state) => ({ changes: state.changes + 1 })),
  }));
}

export type WorkersStore = ReturnType<typeof createWorkersStore>;

/** One line per pool the view knows of: its workers' slots and what runs, and the steps waiting for it. */
export interface PoolSummary {
  pool: string;
  workers: number;
  slots: number;
  busy: number;
  waiting: WorkersStatus['waiting'];
}

/** Pools from the workers and from the waiting steps, sorted by name; a pool with waiting steps and no worker is the one to mark. */
export function poolSummaries(workers: readonly WorkerInfo[], waiting: WorkersStatus['waiting']): PoolSummary[] {
  const pools = new Map<string, PoolSummary>();
  const entry = (pool: string): PoolSummary => {
    let summary = pools.get(pool);
    if (summary === undefined) pools.set(pool, (summary = { pool, workers: 0, slots: 0, busy: 0, waiting: [] }));
    return summary;
  };
  for (const worker of workers) {
    const summary = entry(worker.pool);
    summary.workers++;
    summary.slots += worker.slots;
    summary.busy += worker.running.length;
  }
  for (const step of waiting) entry(step.pool).waiting.push(step);
  return [...pools.values()].sort((a, b) => a.pool.localeCompare(b.pool));
}
