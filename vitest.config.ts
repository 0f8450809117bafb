import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Most test files wait on real processes, files and timers, not the CPU: two at a time even on two cores (vitest's
    // default there is one) took the suite from ~380 s to 240–280 s on this project's 2-core machines.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
