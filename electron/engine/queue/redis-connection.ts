// Redis URLs into connection options (for ioredis and BullMQ alike): redis://, rediss:// (TLS) and unix:// sockets.
import type { RedisOptions as BullRedisOptions } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import { OrchestrationError } from '../../../shared/errors.js';
import { maskRedisUrl, redisUrlProblem } from '../../../shared/workers.js';

export { KEY_PREFIX } from './queue-protocol.js';

/** What BullMQ and ioredis both take; BullMQ opens its own connections from it. */
export type ConnectionOptions = BullRedisOptions & RedisOptions;

export function connectionOptions(url: string): ConnectionOptions {
  const problem = redisUrlProblem(url);
  if (problem !== null) throw new OrchestrationError(`the Redis URL: ${problem}`);
  const parsed = new URL(url);
  // BullMQ's blocking reads must wait as long as they need: no per-request retry limit (BullMQ refuses a Worker without).
  const common: ConnectionOptions = {
    maxRetriesPerRequest: null,
    // A Redis that restarts comes back within a second or two: retry fast, never give up.
    retryStrategy: (times) => Math.min(50 * times, 1000),
    enableOfflineQueue: true,
    ...(parsed.username !== '' ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password !== '' ? { password: decodeURIComponent(parsed.password) } : {}),
  };
  if (parsed.protocol === 'unix:') {
    // A socket URL has no host to put a password before: `unix:///path/redis.sock?password=…&db=1`.
    const password = parsed.searchParams.get('password');
    const socketDb = parsed.searchParams.get('db');
    return { ...common, path: decodeURIComponent(parsed.pathname), ...(password !== null ? { password } : {}), ...(socketDb !== null ? { db: Number(socketDb) } : {}) };
  }
  const db = parsed.pathname.replace(/^\//, '');
  return {
    ...common,
    host: parsed.hostname.replace(/^\[|\]$/g, ''),
    port: parsed.port === '' ? 6379 : Number(parsed.port),
    ...(db !== '' ? { db: Number(db) } : {}),
    // rediss://: TLS, checked against the system's CAs (NODE_EXTRA_CA_CERTS adds a private one).
    ...(parsed.protocol === 'rediss:' ? { tls: { servername: parsed.hostname } } : {}),
  };
}

/**
 * Opens a connection and waits until it answers PING, or rejects naming the URL (password hidden) and the reason: a
 * wrong host, a refused password. Later drops reconnect by themselves.
 */
export async function openRedis(url: string, limitMs = 5_000): Promise<Redis> {
  const redis = new Redis({ ...connectionOptions(url), lazyConnect: true });
  let timer: NodeJS.Timeout | undefined;
  // The first error answers at once (a refused connection, a wrong password); later drops only reconnect.
  const failed = new Promise<never>((_, reject) => {
    redis.once('error', reject);
    timer = setTimeout(() => reject(new Error(`no answer within ${limitMs / 1000} s`)), limitMs);
  });
  redis.on('error', () => {});
  try {
    await Promise.race([redis.connect().then(() => redis.ping()), failed]);
    return redis;
  } catch (error) {
    redis.disconnect();
    throw new OrchestrationError(`cannot reach Redis at ${maskRedisUrl(url)}: ${(error as Error).message}`);
  } finally {
    clearTimeout(timer);
    failed.catch(() => {});
  }
}
