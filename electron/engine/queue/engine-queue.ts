// The engine's side of the queue (DESIGN.md §5a): whether steps go to workers, through which Redis, and who serves.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { QueueStatus, WorkersStatus } from '../../../shared/ipc.js';
import type { WorkerInfo } from '../../../shared/model.js';
import { maskRedisUrl } from '../../../shared/workers.js';
import type { EventBus } from '../event-bus.js';
import type { Executor } from '../runs/executor.js';
import { ENGINE_TTL_MS, engineKey, HEARTBEAT_MS } from './queue-protocol.js';
import type { QueueExecutor } from './queue-executor.js';

/** How often the worker list is read while the queue is on. */
const WORKERS_POLL_MS = 1_000;

interface Connected {
  url: string;
  engineId: string;
  redis: Redis;
  executor: QueueExecutor;
  timer: NodeJS.Timeout;
  lastBeat: number;
}

export class EngineQueue {
  private connected: Connected | null = null;
  private problem: string | null = null;
  private workerList: WorkerInfo[] = [];
  private listed = '';
  private redisUp = false;

  constructor(private readonly events: EventBus) {}

  status(): QueueStatus {
    const url = this.connected?.url ?? null;
    return { url: url === null ? null : maskRedisUrl(url), connected: this.connected !== null && this.redisUp, problem: this.problem };
  }

  /** Turns the queue on through `url` (rejects, naming why, when Redis cannot be reached), or off (null). */
  async configure(url: string | null): Promise<QueueStatus> {
    if (url === null) {
      await this.close();
      return this.status();
    }
    // Loaded only when the queue is turned on: BullMQ and ioredis cost every other command start-up time.
    const [{ connectionOptions, openRedis }, { QueueExecutor }, { readWorkers }] = await Promise.all([
      import('./redis-connection.js'), import('./queue-executor.js'), import('./worker-directory.js'),
    ]);
    const redis = await openRedis(url);
    const more = await Promise.allSettled([openRedis(url), openRedis(url)]);
    const failed = more.find((result) => result.status === 'rejected');
    if (failed !== undefined) {
      for (const connection of [redis, ...more.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []))]) connection.disconnect();
      throw failed.reason;
    }
    const [readerRedis, resultsRedis] = more.map((result) => (result as PromiseFulfilledResult<Redis>).value) as [Redis, Redis];
    // Connected: only now does the queue in use (if any) give way, so a URL that fails changes nothing.
    await this.close();
    this.problem = null;
    const engineId = randomUUID();
    redis.on('error', (error: Error) => {
      this.redisUp = false;
      this.problem = error.message;
    });
    redis.on('ready', () => {
      this.redisUp = true;
      this.problem = null;
    });
    this.redisUp = true;
    await redis.set(engineKey(engineId), String(process.pid), 'PX', ENGINE_TTL_MS);
    this.workerList = await readWorkers(redis);
    const executor = new QueueExecutor({
      connection: connectionOptions(url),
      redis,
      readerRedis,
      resultsRedis,
      engineId,
      hasWorker: (pool) => this.workerList.some((worker) => worker.pool === pool),
    });
    const timer = setInterval(() => void this.poll(), WORKERS_POLL_MS);
    this.connected = { url, engineId, redis, executor, timer, lastBeat: Date.now() };
    return this.status();
  }

  /** The executor for a run starting now, or null while the queue is off. */
  executor(): Executor | null {
    return this.connected?.executor ?? null;
  }

  workers(): WorkerInfo[] {
    return this.workerList;
  }

  workersStatus(): WorkersStatus {
    return { queue: this.status(), workers: this.workers(), waiting: this.connected?.executor.waiting() ?? [] };
  }

  async close(): Promise<void> {
    const connected = this.connected;
    if (connected === null) return;
    this.connected = null;
    clearInterval(connected.timer);
    await connected.executor.close();
    const { within } = await import('./queue-executor.js');
    await within(1_000, () => connected.redis.del(engineKey(connected.engineId)));
    connected.redis.disconnect();
    this.setWorkers([]);
  }

  private async poll(): Promise<void> {
    const connected = this.connected;
    if (connected === null) return;
    try {
      if (Date.now() - connected.lastBeat >= HEARTBEAT_MS) {
        connected.lastBeat = Date.now();
        await connected.redis.set(engineKey(connected.engineId), String(process.pid), 'PX', ENGINE_TTL_MS);
      }
      const { readWorkers } = await import('./worker-directory.js');
      this.setWorkers(await readWorkers(connected.redis));
    } catch {
      // Redis away: the list stays as it was until it answers again.
    }
  }

  private setWorkers(workers: WorkerInfo[]): void {
    this.workerList = workers;
    const listed = JSON.stringify(workers);
    if (listed === this.listed) return;
    this.listed = listed;
    if (this.events.wants('workers.updated')) this.events.emit({ type: 'workers.updated', workers });
  }
}
