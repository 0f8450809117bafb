// What the engine and the workers say to each other through Redis: queue and key names, a job, its result.
import { createHash } from 'node:crypto';
import type { WorkerRef } from '../../../shared/model.js';
import type { StepTask } from '../runs/executor.js';
import type { CacheReport } from '../cache/cache-request.js';

/** Every Redis key and BullMQ queue of ours starts with this, so one Redis can serve other things too. */
export const KEY_PREFIX = 'cdx';
/** A Redis key of ours. */
export const key = (...parts: string[]): string => [KEY_PREFIX, ...parts].join(':');

/**
 * A worker's lock on its job: renewed every half of it while the worker lives. A killed worker's job is taken by
 * another once the lock has expired (4–8 s after the kill) and the next stalled check after that has seen it (≤ 4 s
 * more): within 12 s, where BullMQ's 30 s defaults meant about a minute.
 */
export const LOCK_MS = 8_000;
export const STALLED_CHECK_MS = 4_000;
/** A worker's and an engine's heartbeats: written this often, gone when not renewed within the TTL. */
export const HEARTBEAT_MS = 2_000;
export const WORKER_TTL_MS = 15_000;
export const ENGINE_TTL_MS = 10_000;
/** The most entries a run's log stream keeps (`XADD … MAXLEN ~`): the engine reads it within milliseconds. */
export const LOG_STREAM_MAX = 100_000;

/** The BullMQ queue of a pool's steps (its keys are `cdx:steps-<pool>:…`). */
export const stepsQueue = (pool: string): string => `steps-${pool}`;
/** The durable list one engine hears its steps' results on, and where it keeps the one it is settling. */
export const resultsList = (engineId: string): string => key('results', engineId);
export const resultsTaken = (engineId: string): string => key('results', engineId, 'taken');
/** Cancels, broadcast to every worker: the message is a job id. */
export const CANCEL_CHANNEL = key('cancel');
/** Cancels kept a while, for a worker that takes the job after the broadcast went by. */
export const cancelledKey = (jobId: string): string => key('cancelled', jobId);
export const engineKey = (engineId: string): string => key('engine', engineId);
export const workerKey = (workerId: string): string => key('worker', workerId);
export const WORKERS_SET = key('workers');
/** One stream per run: the steps' output and the word that a worker took a step. */
export const logStream = (executionId: string): string => key('log', executionId);

/** One attempt of one step: BullMQ's job id (no `:` allowed), the same however often it is enqueued. */
export function jobIdOf(task: Pick<StepTask, 'executionId' | 'step' | 'attempt'>): string {
  const step = createHash('sha1').update(task.step).digest('hex').slice(0, 12);
  return `${task.executionId}.${step}.${task.attempt}`;
}

export interface StepJob {
  task: StepTask;
  pool: string;
  /** The engine waiting for it: its results queue, and its heartbeat a worker checks (a dead engine's jobs stop). */
  engineId: string;
}

export interface StepOutcome {
  jobId: string;
  worker: WorkerRef;
  /** `succeeded`; `failed` (the action's failure, or a refusal: an action the worker lacks); `cancelled` on request;
   * `abandoned` when the engine that asked is gone. */
  status: 'succeeded' | 'failed' | 'cancelled' | 'abandoned';
  outputs: Record<string, unknown>;
  exitCode: number | null;
  error: string | null;
  /** The stream id of the last output the worker wrote for this job: the engine has all of it once read past it. */
  lastLogId: string | null;
  /** A cached step's key and what the cache did (hit, or why it ran), computed on the worker; absent for other steps. */
  cache?: CacheReport | null;
}

/** Stream entries: `o` output text of a job, `s` a job started on a worker (the worker as JSON). */
export type LogEntry = { kind: 'o'; jobId: string; text: string } | { kind: 's'; jobId: string; worker: WorkerRef };
