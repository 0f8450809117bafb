import { describe } from 'vitest';
import { createBuiltinRegistry } from '../../../electron/engine/actions/builtin.js';
import { LocalExecutor } from '../../../electron/engine/runs/executor.js';
import { executorContract } from './executor-contract.js';

describe('the local executor', () => {
  executorContract(async () => ({ executor: new LocalExecutor(createBuiltinRegistry(), null), expectedWorker: 'none' }));
});
