// How the run view names where a step ran and why it waits: "gpu-box · pool gpu", "queued: no worker in pool gpu".
import type { StepRun, WorkerRef } from '../../shared/model.js';

/** The worker as people know it: its machine, then its pool (the id, long and random, goes in a tooltip). */
export function workerLabel(worker: WorkerRef): string {
  return `${worker.host} · pool ${worker.pool}`;
}

/** A waiting step's state in words — "queued: no worker in pool gpu" — or null when it does not wait. */
export function waitingText(run: Pick<StepRun, 'status' | 'reason'> | undefined): string | null {
  if (run === undefined || run.reason === null || (run.status !== 'queued' && run.status !== 'pending')) return null;
  return `${run.status}: ${run.reason}`;
}
