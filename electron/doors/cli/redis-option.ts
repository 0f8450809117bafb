// The `--redis URL` option of `run` and `worker`, checked before anything connects.
import { redisUrlProblem } from '../../../shared/workers.js';
import { UsageError } from './command-line.js';

/** `--redis URL`: redis://, rediss:// (TLS) or unix:// (a socket); a missing or malformed one is a usage error. */
export function requireRedisUrl(url: string | undefined, command: string): string {
  if (url === undefined) throw new UsageError(`codomyrmex ${command} needs --redis URL (redis://host:port, rediss://… or unix:///path/redis.sock)`);
  const problem = redisUrlProblem(url);
  if (problem !== null) throw new UsageError(`--redis: ${problem}`);
  return url;
}
