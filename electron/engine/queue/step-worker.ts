// `codomyrmex worker`: takes a pool's step jobs from BullMQ and runs them with the engine's own action code and process
// control (the process hosts end a step's tree when this process dies), streaming output back and answering each job.
import { existsSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { WorkerInfo, WorkerRef } from '../../../shared/model.js';
import { amountWithUnit } from '../../../shared/resource-text.js';
import { resourceQueueReason } from '../runs/queue-reason.js';
import { ActionFailure } from '../actions/action.js';
import type { ActionRegistry } from '../actions/registry.js';
import { LocalExecutor, processEnv, type RunningStep } from '../runs/executor.js';
import type { ResourceManager } from '../resources/resource-manager.js';
import { StepLog } from '../store/step-log.js';
import { LogStreamWriter, StreamedLog } from './log-stream.js';
import { CANCEL_CHANNEL, cancelledKey, engineKey, HEARTBEAT_MS, LOCK_MS, STALLED_CHECK_MS, stepsQueue, type StepJob, type StepOutcome } from './queue-protocol.js';
import { connectionOptions, KEY_PREFIX, openRedis } from './redis-connection.js';
import { sendOutcome } from './result-inbox.js';
import { removeHeartbeat, writeHeartbeat } from './worker-directory.js';
import { workerResourceManager } from './worker-resources.js';
import { CachingExecutor } from '../cache/caching-executor.js';
import type { CacheReport } from '../cache/cache-request.js';
import type { StepCache } from '../cache/step-cache.js';
import { makeFolders } from '../make-folders.js';

export interface StepWorkerOptions {
  url: string;
  pool: string;
  concurrency: number;
  /** Where a project whose folder is not on this machine runs: `<workdir>/<project name>`. */
  workdir: string;
  resources: Record<string, number>;
  registry: ActionRegistry;
  /** One line per event worth telling the person who started the worker. */
  say?: (line: string) => void;
  /** The step cache here (the worker's home, or the shared location): cached steps' keys are computed on the worker. */
  cache?: StepCache;
}

interface Held {
  job: StepJob;
  attempt: RunningStep;
  /** Why it is being stopped, once it is. */
  stopping: 'cancelled' | 'abandoned' | null;
}

/** How long a finished job's record stays in Redis for the engine's reconcile loop to read. */
const KEEP_FINISHED = { age: 3_600 };
const BEAT_SOON_MS = 200;

export class StepWorker {
  readonly ref: WorkerRef;
  private readonly held = new Map<string, Held>();
  private readonly executor: LocalExecutor | CachingExecutor;
  private readonly resources: ResourceManager;
  private readonly writer: LogStreamWriter;
  private bull: Worker | null = null;
  private timer: NodeJS.Timeout | null = null;
  private beatTimer: NodeJS.Timeout | null = null;

  private constructor(
    private readonly options: StepWorkerOptions,
    private readonly redis: Redis,
    private readonly subscriber: Redis,
  ) {
    this.ref = { id: `${hostname()}-${process.pid}`, host: hostname(), pool: options.pool };
    // The worker's environment, taken once (reading process.env costs a getter per variable), under each task's own.
    const base = processEnv();
    const local = new LocalExecutor(options.registry, null, undefined, () => base);
    this.executor = options.cache === undefined ? local : new CachingExecutor(local, options.cache, options.registry, () => base);
    this.resources = workerResourceManager(options.resources);
    this.writer = new LogStreamWriter(redis);
  }

  /** Connects (or rejects naming why not), announces itself and starts taking jobs. */
  static async start(options: StepWorkerOptions): Promise<StepWorker> {
    const redis = await openRedis(options.url);
    const subscriber = await openRedis(options.url);
    const worker = new StepWorker(options, redis, subscriber);
    await worker.listen();
    return worker;
  }

  info(): WorkerInfo {
    const running = [...this.held.values()].map(({ job }) => ({ executionId: job.task.executionId, step: job.task.step }));
    return { ...this.ref, slots: this.options.concurrency, running, lastHeartbeat: Date.now(), resources: this.options.resources };
  }

  /** Stops taking jobs; `now` also stops the running steps (their trees ended) instead of letting them finish. */
  async stop(now = false): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    if (this.beatTimer !== null) clearTimeout(this.beatTimer);
    if (now) for (const held of this.held.values()) this.stopHeld(held, 'abandoned');
    await this.bull?.close();
    this.options.cache?.close();
    await removeHeartbeat(this.redis, this.ref.id).catch(() => {});
    this.subscriber.disconnect();
    this.redis.disconnect();
  }

  private async listen(): Promise<void> {
    await this.subscriber.subscribe(CANCEL_CHANNEL);
    this.subscriber.on('message', (_channel: string, jobId: string) => {
      const held = this.held.get(jobId);
      if (held !== undefined) this.stopHeld(held, 'cancelled');
    });
    await this.beat();
    this.timer = setInterval(() => void this.tick(), HEARTBEAT_MS);
    this.bull = new Worker(stepsQueue(this.options.pool), async (job: Job<StepJob>) => this.process(job), {
      connection: connectionOptions(this.options.url),
      prefix: KEY_PREFIX,
      concurrency: this.options.concurrency,
      lockDuration: LOCK_MS,
      stalledInterval: STALLED_CHECK_MS,
      // At least once: a job whose worker died is taken again, however often that happens.
      maxStalledCount: 1_000,
      removeOnComplete: KEEP_FINISHED,
      removeOnFail: KEEP_FINISHED,
    });
    this.bull.on('error', (error) => this.options.say?.(`queue: ${error.message}`));
  }

  private async tick(): Promise<void> {
    try {
      await this.beat();
      // Walking the cache's folders costs: its size is checked at most once a minute, and only after a store.
      this.options.cache?.evictIfGrown(60_000);
      // A run whose engine is gone (killed outright) has nobody to report to: its steps stop here.
      for (const held of this.held.values()) {
        if (held.stopping === null && (await this.redis.exists(engineKey(held.job.engineId))) === 0) this.stopHeld(held, 'abandoned');
      }
    } catch {
      // Redis away for a moment: the next tick.
    }
  }

  private async beat(): Promise<void> {
    await writeHeartbeat(this.redis, this.info());
  }

  /** What it runs changed: told within a moment, once for a burst of short steps rather than twice per step. */
  private beatSoon(): void {
    if (this.beatTimer !== null) return;
    this.beatTimer = setTimeout(() => {
      this.beatTimer = null;
      void this.beat().catch(() => {});
    }, BEAT_SOON_MS);
  }

  private stopHeld(held: Held, why: 'cancelled' | 'abandoned'): void {
    if (held.stopping !== null) return;
    held.stopping = why;
    held.attempt.cancel(new Error(why === 'cancelled' ? 'cancelled' : 'the engine that asked for the step is gone'));
  }

  private async process(job: Job<StepJob>): Promise<StepOutcome> {
    const jobId = job.id!;
    const data = job.data;
    let outcome: StepOutcome;
    // One round trip: the steps' latency through the queue is mostly round trips.
    const replies = (await this.redis.pipeline().exists(cancelledKey(jobId)).exists(engineKey(data.engineId)).exec()) ?? [];
    const [cancelled, engineLives] = replies.map(([error, value]) => (error === null ? value : null));
    if (cancelled === 1) outcome = this.outcome(jobId, 'cancelled', 'cancelled before it started');
    else if (engineLives === 0) outcome = this.outcome(jobId, 'abandoned', 'the engine that asked for the step is gone');
    else outcome = await this.run(jobId, data);
    // Durable: the engine hears it even when it reads later (a message on a stream it has not read yet could be lost).
    await sendOutcome(this.redis, data.engineId, outcome);
    return outcome;
  }

  private async run(jobId: string, job: StepJob): Promise<StepOutcome> {
    const { task } = job;
    if (this.options.registry.definition(task.module, task.action) === undefined) {
      const known = this.options.registry.list().map((a) => `${a.module}.${a.action}`).join(', ');
      return this.outcome(jobId, 'failed', `worker ${this.ref.id} has no action ${task.module}.${task.action} (it runs ${known})`);
    }
    const admitted = await this.admit(jobId, task.resources, `${task.executionId.slice(0, 8)} › ${task.step}`);
    if (admitted === 'refused') return this.outcome(jobId, 'failed', this.refusal(task.resources)!);
    try {
      // A step that waited for its resources may have been cancelled meanwhile.
      if (admitted === 'waited' && (await this.redis.exists(cancelledKey(jobId))) === 1) return this.outcome(jobId, 'cancelled', 'cancelled before it started');
      const cwd = this.workingDir(task.cwd, task.project);
      const logs = join(this.options.workdir, '.codomyrmex-worker', 'logs');
      const sink = new StreamedLog(new StepLog(join(logs, `${jobId}.log`), () => makeFolders(logs)), this.writer, task.executionId, jobId);
      // Not awaited: the connection keeps its commands in order, so the step's output lands after this word anyway.
      this.writer.started(task.executionId, jobId, this.ref).catch(() => {});
      let keyed: CacheReport | null = null;
      const progress = { waiting() {}, startedOn() {}, keyed: (key: string, miss: CacheReport['miss']) => void (keyed = { key, hit: false, miss, outputHash: null }) };
      const held: Held = { job, attempt: this.executor.execute({ ...task, cwd }, sink, progress), stopping: null };
      this.held.set(jobId, held);
      this.beatSoon();
      let outcome: StepOutcome;
      try {
        const result = await held.attempt.done;
        outcome = { ...this.outcome(jobId, 'succeeded', null), outputs: result.outputs, exitCode: result.exitCode ?? 0, cache: result.cache ?? null };
      } catch (error) {
        const failure = error instanceof ActionFailure ? error : null;
        outcome = held.stopping !== null
          ? this.outcome(jobId, held.stopping, held.stopping === 'cancelled' ? 'cancelled' : 'the engine that asked for the step is gone')
          : { ...this.outcome(jobId, 'failed', error instanceof Error ? error.message : String(error)), exitCode: failure?.exitCode ?? null, outputs: failure?.outputs ?? {}, cache: keyed };
      } finally {
        this.held.delete(jobId);
        this.beatSoon();
      }
      outcome.lastLogId = await sink.finish();
      rmSync(join(logs, `${jobId}.log`), { force: true });
      this.options.say?.(`${task.step} (${task.executionId.slice(0, 8)}): ${outcome.status}`);
      return outcome;
    } finally {
      this.resources.releaseTask(jobId);
    }
  }

  /** Why this worker can never meet a request, or null when it can. */
  private refusal(request: Record<string, number>): string | null {
    for (const [id, amount] of Object.entries(request)) {
      const resource = this.resources.getResource(id);
      if (resource === undefined) return `worker ${this.ref.id} has no resource "${id}" (start it with --resources ${id}=N)`;
      if (amount > resource.capacity) return `worker ${this.ref.id} has ${amountWithUnit(resource.capacity, resource.unit)} of ${id}; the step needs ${amount}`;
    }
    return null;
  }

  /** Waits until the step's resources are allocated here; a request this worker can never meet is refused. */
  private async admit(jobId: string, request: Record<string, number>, holder: string): Promise<'now' | 'waited' | 'refused'> {
    if (Object.keys(request).length === 0) return 'now';
    if (this.refusal(request) !== null) return 'refused';
    for (let waited = false; ; waited = true) {
      const missing = this.resources.tryAllocateAll(jobId, request, holder);
      if (missing === null) return waited ? 'waited' : 'now';
      const resource = this.resources.getResource(missing.resourceId)!;
      this.options.say?.(`${holder} waits: ${resourceQueueReason(resource, missing, this.resources.getAllocations(missing.resourceId))}`);
      await new Promise<void>((resolve) => this.resources.once('released', () => resolve()));
    }
  }

  /** The step's project folder when this machine has it (a shared or identical checkout), else `<workdir>/<project>`. */
  private workingDir(cwd: string, project: string): string {
    if (existsSync(cwd)) return cwd;
    const name = project.replace(/[^A-Za-z0-9._-]/g, '_');
    const dir = join(this.options.workdir, /^\.*$/.test(name) ? 'project' : name);
    makeFolders(dir);
    return dir;
  }

  private outcome(jobId: string, status: StepOutcome['status'], error: string | null): StepOutcome {
    return { jobId, worker: this.ref, status, outputs: {}, exitCode: null, error, lastLogId: null };
  }

}
