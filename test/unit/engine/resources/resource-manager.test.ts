import { availableParallelism, totalmem } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ResourceManager } from '../../../../electron/engine/resources/resource-manager.js';
import { ResourceError } from '../../../../shared/errors.js';

describe('the resource manager', () => {
  it('knows cpu (logical cores) and memory (MB) from the start', () => {
    const resources = new ResourceManager();
    expect(resources.getResource('cpu')).toMatchObject({ capacity: availableParallelism(), unit: 'cores', builtin: true });
    expect(resources.getResource('memory')!.capacity).toBe(Math.floor(totalmem() / 1024 / 1024));
  });

  it('allocates, reports what is left, releases and keeps a history', () => {
    const resources = new ResourceManager();
    resources.registerResource({ id: 'gpu', type: 'gpu', capacity: 2, unit: 'devices' });
    resources.allocateResource('gpu', 'train', 1);
    expect(resources.getAvailableCapacity('gpu')).toBe(1);
    expect(resources.getAllocations('gpu')).toMatchObject([{ taskId: 'train', amount: 1, releasedAt: null }]);
    resources.releaseResource('gpu', 'train');
    expect(resources.getAvailableCapacity('gpu')).toBe(2);
    expect(resources.getUsageHistory('gpu')[0]!.releasedAt).toBeTypeOf('number');
  });

  it('refuses what does not fit with a message naming resource and amounts', () => {
    const resources = new ResourceManager();
    resources.registerResource({ id: 'db', capacity: 4, unit: 'connections' });
    resources.allocateResource('db', 'a', 3);
    // The class and the exact message (an instance would also compare its timestamp, to the millisecond).
    expect(() => resources.allocateResource('db', 'b', 2)).toThrow(ResourceError);
    expect(() => resources.allocateResource('db', 'b', 2)).toThrow(/^resource "db": b asks for 2 connections but only 1 of 4 are free$/);
    expect(() => resources.allocateResource('db', 'c', 9)).toThrow('resource "db": c asks for 9 connections but its capacity is 4');
    expect(() => resources.allocateResource('tpu', 'd', 1)).toThrow('unknown resource "tpu" (known: cpu, memory, db)');
  });

  it('allocates a request all or nothing', () => {
    const resources = new ResourceManager();
    resources.registerResource({ id: 'gpu', capacity: 1 });
    resources.allocateResource('gpu', 'other', 1);
    expect(resources.tryAllocateAll('mine', { cpu: 1, gpu: 1 })).toEqual({ resourceId: 'gpu', amount: 1, available: 0 });
    expect(resources.getAllocations('cpu')).toEqual([]);
  });

  it('will not shrink a resource below what is allocated, nor remove one in use', () => {
    const resources = new ResourceManager();
    resources.registerResource({ id: 'db', capacity: 4 });
    resources.allocateResource('db', 'a', 3);
    expect(() => resources.registerResource({ id: 'db', capacity: 2 })).toThrow('capacity 2 is below the 3 allocated now');
    expect(() => resources.removeResource('db')).toThrow('allocated to a');
    expect(() => resources.removeResource('cpu')).toThrow('built in');
  });
});
