import { describe, expect, it } from 'vitest';
import type { ResourceAllocation } from '../../../../shared/model.js';
import { resourceQueueReason } from '../../../../electron/engine/runs/queue-reason.js';

const held = (holder: string | undefined, amount: number, taskId = '9f1c2a7e-0000-4000-8000-000000000000:step'): ResourceAllocation => ({
  resourceId: 'db', taskId, amount, allocatedAt: 1, releasedAt: null, ...(holder !== undefined ? { holder } : {}),
});

describe('the reason a queued step gives for waiting on a resource', () => {
  it('says how much it needs and how much is free, without a unit when the resource has none', () => {
    expect(resourceQueueReason({ id: 'db', unit: '' }, { amount: 1, available: 0 }, [held('ci › migrate', 1)])).toBe('needs 1 of db, 0 free — held by ci › migrate (1)');
  });

  it('says another process holds it when nothing in this one does (a machine lease)', () => {
    expect(resourceQueueReason({ id: 'db', unit: '' }, { amount: 1, available: 0 }, [])).toBe('needs 1 of db, 0 free — held by another process on this machine');
  });

  it('writes amounts in the resource unit and names the holders by workflow and step', () => {
    expect(resourceQueueReason({ id: 'gpu', unit: 'cards' }, { amount: 2, available: 1 }, [held('train › fit', 1)]))
      .toBe('needs 2 cards of gpu, 1 free — held by train › fit (1)');
  });

  it('names three holders and counts the rest', () => {
    const holders = ['a', 'b', 'c', 'd', 'e'].map((step) => held(`ci › ${step}`, 0.5));
    expect(resourceQueueReason({ id: 'db', unit: 'slots' }, { amount: 1, available: 0 }, holders))
      .toBe('needs 1 slots of db, 0 free — held by ci › a (0.5), ci › b (0.5), ci › c (0.5) and 2 more');
  });

  it('rounds fractions a float sum leaves behind', () => {
    expect(resourceQueueReason({ id: 'cpu', unit: 'cores' }, { amount: 0.3, available: 0.1 + 0.2 - 0.3 + 0.2 }, [held('ci › a', 0.1 + 0.2)]))
      .toBe('needs 0.3 cores of cpu, 0.2 free — held by ci › a (0.3)');
  });
});
