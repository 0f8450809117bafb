import { describe, expect, it } from 'vitest';
import { criticalPath, performanceMetrics } from '../../../shared/performance.js';

const nodes = [
  { name: 'checkout', dependencies: [] },
  { name: 'build', dependencies: ['checkout'] },
  { name: 'lint', dependencies: ['checkout'] },
  { name: 'test', dependencies: ['build'] },
  { name: 'package', dependencies: ['test', 'lint'] },
];
const times: Record<string, number> = { checkout: 5, build: 40, lint: 60, test: 30, package: 10 };

describe('the critical path', () => {
  it('is the longest chain of dependent steps by run time', () => {
    expect(criticalPath(nodes, (name) => times[name]!)).toEqual({ steps: ['checkout', 'build', 'test', 'package'], runTimeMs: 85 });
  });

  it('follows a heavier side branch when it outweighs the main line', () => {
    expect(criticalPath(nodes, (name) => (name === 'lint' ? 100 : times[name]!))).toEqual({ steps: ['checkout', 'lint', 'package'], runTimeMs: 115 });
  });

  it('is empty for no steps, and one step alone for independent ones', () => {
    expect(criticalPath([], () => 1)).toEqual({ steps: [], runTimeMs: 0 });
    expect(criticalPath([{ name: 'a', dependencies: [] }, { name: 'b', dependencies: [] }], (name) => (name === 'b' ? 2 : 1))).toEqual({ steps: ['b'], runTimeMs: 2 });
  });

  it('takes the order a run already knows, skipping the sort', () => {
    expect(criticalPath(nodes, (name) => times[name]!, ['checkout', 'lint', 'build', 'test', 'package'])).toEqual({ steps: ['checkout', 'build', 'test', 'package'], runTimeMs: 85 });
  });

  it('walks a 10,000-step chain without overflowing the stack', () => {
    const chain = Array.from({ length: 10_000 }, (_, i) => ({ name: `s${i}`, dependencies: i === 0 ? [] : [`s${i - 1}`] }));
    expect(criticalPath(chain, () => 1).runTimeMs).toBe(10_000);
  });
});

describe("a run's metrics", () => {
  it('total what ran, leave out what did not, and keep the largest peak', () => {
    const step = (runTimeMs: number, cpuTimeMs: number | null, peakMemoryMB: number | null, ran = true) => ({ queueWaitMs: 3, runTimeMs, cpuTimeMs, peakMemoryMB, attempts: ran ? 1 : 0 });
    const steps = [step(5, 4, 30), step(40, 35, 200), step(60, null, null), step(30, 25, 120), step(0, null, null, false)];
    const metrics = performanceMetrics(nodes, steps, [true, true, true, true, false], 150, 200);
    expect(metrics.totals).toEqual({ wallTimeMs: 150, queueWaitMs: 12, runTimeMs: 135, cpuTimeMs: 64, peakMemoryMB: 200, stepsRun: 4 });
    expect(metrics.criticalPath).toEqual({ steps: ['checkout', 'build', 'test'], runTimeMs: 75 });
    expect(Object.keys(metrics.steps)).toEqual(['checkout', 'build', 'lint', 'test', 'package']);
    expect(metrics.steps.package).toEqual({ queueWaitMs: 3, runTimeMs: 0, cpuTimeMs: null, peakMemoryMB: null, attempts: 0 });
  });
});
