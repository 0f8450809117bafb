import { describe, expect, it } from 'vitest';
import { createResourcesStore } from '../../../../renderer/resources/resources-store.js';

const allocation = { resourceId: 'cpu', taskId: 'e1/build', amount: 1.5, allocatedAt: 5, releasedAt: null };

describe('the resources store', () => {
  it('moves available capacity with allocation events, once per allocation', () => {
    const store = createResourcesStore();
    store.getState().setResources([{ id: 'cpu', type: 'cpu', capacity: 4, unit: 'cores', builtin: true, available: 4, allocations: [], userDefined: false, waiting: [] }]);
    store.getState().applyAllocations([{ allocation, released: false }, { allocation, released: false }]);
    expect(store.getState().resources[0]).toMatchObject({ available: 2.5, allocations: [allocation] });
    store.getState().applyAllocations([{ allocation: { ...allocation, releasedAt: 9 }, released: true }]);
    expect(store.getState().resources[0]).toMatchObject({ available: 4, allocations: [] });
  });

  it('ignores allocations of resources it does not list', () => {
    const store = createResourcesStore();
    store.getState().setResources([]);
    store.getState().applyAllocations([{ allocation: { ...allocation, resourceId: 'gpu' }, released: false }]);
    expect(store.getState().resources).toEqual([]);
  });
});
