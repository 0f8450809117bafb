// Who serves which pool: each worker's heartbeat is a Redis key that expires when it stops renewing it; the engine
// reads them all to list workers and to tell a step that its pool has none.
import type { Redis } from 'ioredis';
import type { WorkerInfo } from '../../../shared/model.js';
import { WORKER_TTL_MS, WORKERS_SET, workerKey } from './queue-protocol.js';

export async function writeHeartbeat(redis: Redis, info: WorkerInfo): Promise<void> {
  await redis.multi().set(workerKey(info.id), JSON.stringify(info), 'PX', WORKER_TTL_MS).sadd(WORKERS_SET, info.id).exec();
}

export async function removeHeartbeat(redis: Redis, workerId: string): Promise<void> {
  await redis.multi().del(workerKey(workerId)).srem(WORKERS_SET, workerId).exec();
}

/** The workers whose heartbeat has not expired, by id; expired ones leave the set as they are found. */
export async function readWorkers(redis: Redis): Promise<WorkerInfo[]> {
  const ids = await redis.smembers(WORKERS_SET);
  if (ids.length === 0) return [];
  const values = await redis.mget(ids.map(workerKey));
  const gone: string[] = [];
  const workers: WorkerInfo[] = [];
  values.forEach((value, index) => {
    const info = value === null ? null : parseInfo(value);
    if (info === null) gone.push(ids[index]!);
    else workers.push(info);
  });
  if (gone.length > 0) await redis.srem(WORKERS_SET, ...gone);
  return workers.sort((a, b) => a.pool.localeCompare(b.pool) || a.id.localeCompare(b.id));
}

function parseInfo(text: string): WorkerInfo | null {
  try {
    const info = JSON.parse(text) as WorkerInfo;
    return typeof info.id === 'string' && typeof info.pool === 'string' ? info : null;
  } catch {
    return null;
  }
}
