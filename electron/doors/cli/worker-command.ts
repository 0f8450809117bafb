// `codomyrmex worker --redis URL`: serves a pool's steps from the queue until stopped (README "Scale out").
import { resolve } from 'node:path';
import { DEFAULT_POOL, POOL_PATTERN, POOL_RULE } from '../../../shared/workers.js';
import { requireRedisUrl } from './redis-option.js';
import { createBuiltinRegistry } from '../../engine/actions/builtin.js';
import { StepWorker } from '../../engine/queue/step-worker.js';
import { cacheLocation } from '../../engine/cache/cache-location.js';
import { StepCache } from '../../engine/cache/step-cache.js';
import { defaultHome } from '../../engine/store/paths.js';
import { openSettings } from '../../engine/store/settings-store.js';
import { parseWorkerResources } from '../../engine/queue/worker-resources.js';
import { UsageError, type CliValues } from './command-line.js';
import { parsePositiveInt } from './run-command.js';
import { onStopSignal, STOP_SIGNALS, type StopSignal } from './stop-signals.js';

export async function workerCommand(values: CliValues): Promise<number> {
  const url = requireRedisUrl(values.redis, 'worker');
  const pool = values.pool ?? DEFAULT_POOL;
  if (!POOL_PATTERN.test(pool)) throw new UsageError(`--pool: a pool name must ${POOL_RULE}, got "${pool}"`);
  const concurrency = values.concurrency === undefined ? 1 : parsePositiveInt(values.concurrency, '--concurrency');
  let resources: Record<string, number>;
  try {
    resources = parseWorkerResources(values.resources);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const say = (line: string): void => void process.stderr.write(`codomyrmex worker: ${line}\n`);
  const home = defaultHome();
  // Its own home's cache, or the shared location (CODOMYRMEX_CACHE_DIR, the `cache` setting) every machine uses.
  const cache = new StepCache(() => cacheLocation(home, openSettings(home, say), process.env, say), home);
  const worker = await StepWorker.start({ url, pool, concurrency, workdir: resolve(values.workdir ?? process.cwd()), resources, registry: createBuiltinRegistry(), say, cache });
  say(`${worker.ref.id} serves pool "${pool}" with ${concurrency} slot${concurrency === 1 ? '' : 's'} (Ctrl-C lets running steps finish; twice stops them)`);
  const stopped = await new Promise<StopSignal>((done) => onStopSignal(done));
  say(`stopping: no new steps; waiting for ${worker.info().running.length} running (Ctrl-C again stops them)`);
  await worker.stop(false);
  return STOP_SIGNALS[stopped];
}

