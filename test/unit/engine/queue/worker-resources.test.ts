import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { parseWorkerResources, workerResourceManager } from '../../../../electron/engine/queue/worker-resources.js';

describe("a worker's --resources", () => {
  it('reads cores, memory with its unit and any other resource, defaulting to the machine', () => {
    expect(parseWorkerResources('cores=4,memory=8G,gpu=1')).toEqual({ cpu: 4, memory: 8192, gpu: 1 });
    expect(parseWorkerResources('memory=512M, db=3')).toMatchObject({ cpu: availableParallelism(), memory: 512, db: 3 });
    expect(parseWorkerResources(undefined).cpu).toBe(availableParallelism());
  });

  it('refuses a malformed list, naming the part', () => {
    expect(() => parseWorkerResources('gpu')).toThrow('--resources takes name=amount pairs separated by commas (cores=4,memory=8G,gpu=1), got "gpu"');
    expect(() => parseWorkerResources('gpu=-1')).toThrow('--resources: gpu must be a positive number, got "-1"');
    expect(() => parseWorkerResources('memory=lots')).toThrow('--resources: memory takes a size such as 8G, 512M or 2048 (MB), got "lots"');
    expect(() => parseWorkerResources('g p u=1')).toThrow('--resources: "g p u" is no resource name');
  });

  it('admits by the same rules as the engine: all or nothing, up to the declared capacity', () => {
    const manager = workerResourceManager(parseWorkerResources('cores=2,memory=1G,gpu=1'));
    expect(manager.getResource('cpu')?.capacity).toBe(2);
    expect(manager.getResource('gpu')).toMatchObject({ capacity: 1, type: 'gpu' });
    expect(manager.tryAllocateAll('a', { gpu: 1, cpu: 1 })).toBeNull();
    expect(manager.tryAllocateAll('b', { cpu: 1, gpu: 1 })).toEqual({ resourceId: 'gpu', amount: 1, available: 0 });
    expect(manager.getAvailableCapacity('cpu')).toBe(1);
    manager.releaseTask('a');
    expect(manager.tryAllocateAll('b', { cpu: 1, gpu: 1 })).toBeNull();
  });
});
