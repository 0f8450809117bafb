// The queue executor (DESIGN.md §5a): each ready step becomes a BullMQ job on its pool's queue; results come back on
// this engine's durable results list, and a reconcile loop settles what a restarted Redis lost or re-enqueues it.
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { WorkerRef } from '../../../shared/model.js';
import { noWorkerReason } from '../../../shared/workers.js';
import { ActionFailure, type ActionResult } from '../actions/action.js';
import type { Executor, LogSink, RunningStep, StepProgress, StepTask } from '../runs/executor.js';
import { LogStreamReader } from './log-stream.js';
import { CANCEL_CHANNEL, cancelledKey, jobIdOf, logStream, stepsQueue, type LogEntry, type StepJob, type StepOutcome } from './queue-protocol.js';
import { ResultInbox } from './result-inbox.js';
import { KEY_PREFIX, type ConnectionOptions } from './redis-connection.js';

const RECONCILE_MS = 1_000;
/** A cancelled job no worker answers for (its worker died, and with it the step's tree) is let go after this. */
const CANCEL_ANSWER_MS = 30_000;
const KEEP_FINISHED = { age: 3_600 };
const CLOSE_MS = 3_000;

interface Pending {
  jobId: string;
  job: StepJob;
  log: LogSink;
  progress: StepProgress;
  resolve(result: ActionResult): void;
  reject(error: unknown): void;
  worker: WorkerRef | null;
  waitingFor: string | null;
  cancelReason: Error | null;
  cancelledAt: number;
  settled: boolean;
}

export interface QueueExecutorOptions {
  connection: ConnectionOptions;
  /** For commands (publish, keys); the executor never blocks it. */
  redis: Redis;
  /** A connection of its own for the log streams' blocking reads. */
  readerRedis: Redis;
  /** And one for the results list's. */
  resultsRedis: Redis;
  engineId: string;
  /** True when a live worker serves the pool (from the heartbeats). */
  hasWorker(pool: string): boolean;
}

export class QueueExecutor implements Executor {
  private readonly queues = new Map<string, Queue>();
  private readonly pending = new Map<string, Pending>();
  private readonly reader: LogStreamReader;
  private readonly results: ResultInbox;
  private readonly timer: NodeJS.Timeout;
  private reconciling = false;

  constructor(private readonly options: QueueExecutorOptions) {
    this.reader = new LogStreamReader(options.readerRedis);
    this.results = new ResultInbox(options.resultsRedis, options.engineId, (outcome) => this.settle(outcome));
    this.timer = setInterval(() => void this.reconcile(), RECONCILE_MS);
  }

  execute(task: StepTask, log: LogSink, progress: StepProgress): RunningStep {
    const pool = task.pool!;
    const jobId = jobIdOf(task);
    const job: StepJob = { task, pool, engineId: this.options.engineId };
    let pending!: Pending;
    const done = new Promise<ActionResult>((resolve, reject) => {
      pending = { jobId, job, log, progress, resolve, reject, worker: null, waitingFor: null, cancelReason: null, cancelledAt: 0, settled: false };
    });
    this.pending.set(jobId, pending);
    this.reader.watch(task.executionId, { entry: (entry) => this.onEntry(entry) });
    void this.enqueue(pending).then(() => this.checkWaiting(pending), (error: unknown) => this.finish(pending, () => pending.reject(error)));
    return { done, cancel: (reason) => void this.cancel(pending, reason) };
  }

  /** Steps waiting for a pool that has no worker. */
  waiting(): { pool: string; executionId: string; step: string }[] {
    return [...this.pending.values()].filter((p) => p.waitingFor !== null).map((p) => ({ pool: p.job.pool, executionId: p.job.task.executionId, step: p.job.task.step }));
  }

  runEnded(executionId: string): void {
    this.reader.unwatch(executionId);
    // The output is in the steps' log files now.
    void this.options.redis.del(logStream(executionId)).catch(() => {});
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    for (const pending of this.pending.values()) this.finish(pending, () => pending.reject(new ActionFailure('the queue was turned off')));
    // Bounded: with Redis gone, BullMQ would wait for it for ever; what is left in Redis then expires or is unread.
    await within(CLOSE_MS, async () => {
      await Promise.allSettled([this.results.stop(this.options.redis), this.reader.stop()]);
      await Promise.allSettled([...this.queues.values()].map((queue) => queue.close()));
    });
  }

  private queue(pool: string): Queue {
    let queue = this.queues.get(pool);
    if (queue === undefined) {
      queue = new Queue(stepsQueue(pool), { connection: this.options.connection, prefix: KEY_PREFIX });
      queue.on('error', () => {});
      this.queues.set(pool, queue);
    }
    return queue;
  }

  private async enqueue(pending: Pending): Promise<void> {
    await this.queue(pending.job.pool).add('step', pending.job, { jobId: pending.jobId, attempts: 1, removeOnComplete: KEEP_FINISHED, removeOnFail: KEEP_FINISHED });
  }

  /** A step whose pool has no worker says so, and goes back to running once one takes it. */
  private checkWaiting(pending: Pending): void {
    if (pending.settled || pending.worker !== null) return;
    const reason = this.options.hasWorker(pending.job.pool) ? null : noWorkerReason(pending.job.pool);
    if (reason === pending.waitingFor || reason === null) return;
    pending.waitingFor = reason;
    pending.progress.waiting(reason);
  }

  private onEntry(entry: LogEntry): void {
    const pending = this.pending.get(entry.jobId);
    if (pending === undefined || pending.settled) return;
    if (entry.kind === 'o') pending.log.write(entry.text);
    else this.startedOn(pending, entry.worker);
  }

  private startedOn(pending: Pending, worker: WorkerRef): void {
    if (pending.worker?.id === worker.id) return;
    pending.worker = worker;
    pending.waitingFor = null;
    pending.progress.startedOn(worker);
  }

  private async cancel(pending: Pending, reason: Error): Promise<void> {
    if (pending.settled || pending.cancelReason !== null) return;
    pending.cancelReason = reason;
    pending.cancelledAt = Date.now();
    const { redis } = this.options;
    try {
      // Kept an hour: a worker that takes the job later (it was waiting, or comes back after a stall) drops it.
      await redis.multi().set(cancelledKey(pending.jobId), '1', 'PX', 3_600_000).publish(CANCEL_CHANNEL, pending.jobId).exec();
      // Not taken yet: gone from the queue, nobody to wait for. Taken: its worker answers once the tree is ended.
      const removed = await this.queue(pending.job.pool).remove(pending.jobId).catch(() => 0);
      if (removed === 1) this.finish(pending, () => pending.reject(reason));
    } catch {
      // Redis away: the reconcile loop tries again.
    }
  }

  /** A worker's answer (from the results queue, or read back by the reconcile loop); the first one counts. */
  private async settle(outcome: StepOutcome): Promise<void> {
    const pending = this.pending.get(outcome.jobId);
    if (pending === undefined || pending.settled) return;
    // Every line the step wrote reaches its log before its end is recorded.
    await this.reader.readPast(pending.job.task.executionId, outcome.lastLogId);
    if (pending.settled) return;
    this.startedOn(pending, outcome.worker);
    // A cached step's key was computed on the worker, where its inputs are.
    const cache = outcome.cache ?? null;
    if (cache !== null && cache.miss !== null) pending.progress.keyed?.(cache.key, cache.miss);
    this.finish(pending, () => {
      if (outcome.status === 'succeeded') pending.resolve({ outputs: outcome.outputs, exitCode: outcome.exitCode ?? 0, ...(cache !== null ? { cache } : {}) });
      else if (outcome.status === 'cancelled' && pending.cancelReason !== null) pending.reject(pending.cancelReason);
      else pending.reject(new ActionFailure(outcome.error ?? `the step ${outcome.status} on worker ${outcome.worker.id}`, outcome.exitCode, outcome.outputs));
    });
  }

  private finish(pending: Pending, settle: () => void): void {
    if (pending.settled) return;
    pending.settled = true;
    this.pending.delete(pending.jobId);
    settle();
  }

  /** Settles jobs whose result message was lost, re-enqueues jobs a restarted Redis lost, refreshes waiting reasons. */
  private async reconcile(): Promise<void> {
    if (this.reconciling || this.pending.size === 0) return;
    this.reconciling = true;
    try {
      for (const pending of [...this.pending.values()]) {
        if (pending.settled) continue;
        await this.reconcileOne(pending);
      }
    } catch {
      // Redis away: next round.
    } finally {
      this.reconciling = false;
    }
  }

  private async reconcileOne(pending: Pending): Promise<void> {
    const queue = this.queue(pending.job.pool);
    const state = await queue.getJobState(pending.jobId);
    if (state === 'completed') {
      const job = await queue.getJob(pending.jobId);
      if (job?.returnvalue != null) await this.settle(job.returnvalue as StepOutcome);
    } else if (state === 'failed') {
      const job = await queue.getJob(pending.jobId);
      this.finish(pending, () => pending.reject(new ActionFailure(`the worker could not run the step: ${job?.failedReason ?? 'unknown reason'}`)));
    } else if (state === 'unknown') {
      if (pending.cancelReason !== null) this.finish(pending, () => pending.reject(pending.cancelReason));
      else await this.enqueue(pending);
    } else if (pending.cancelReason !== null) {
      const removed = await queue.remove(pending.jobId).catch(() => 0);
      if (removed === 1 || Date.now() - pending.cancelledAt > CANCEL_ANSWER_MS) this.finish(pending, () => pending.reject(pending.cancelReason));
      else await this.options.redis.publish(CANCEL_CHANNEL, pending.jobId);
    } else if (state !== 'active') {
      this.checkWaiting(pending);
    }
  }
}

/** Waits for `work`, or `ms`, whichever comes first. */
export async function within(ms: number, work: () => Promise<unknown>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work().catch(() => {}), new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
