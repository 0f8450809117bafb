import { describe } from 'vitest';
import { newEngine } from '../../helpers.js';
import { startRedis, startWorker } from '../../redis.js';
import { executorContract } from './executor-contract.js';

describe('the queue executor, with a codomyrmex worker on the same Redis', () => {
  executorContract(async () => {
    const redis = await startRedis();
    await startWorker(redis.url);
    const engine = newEngine();
    await engine.queue.configure(redis.url);
    return { executor: engine.queue.executor()!, expectedWorker: 'some' };
  });
});
