// Resources with their capacity, what is available and who holds it, kept live by allocation events.
import { createStore } from 'zustand/vanilla';
import type { ResponseOf } from '../../shared/ipc.js';
import type { ResourceAllocation } from '../../shared/model.js';

export type ResourceEntry = ResponseOf<'resources.list'>[number];

export interface AllocationChange {
  allocation: ResourceAllocation;
  released: boolean;
}

export interface ResourcesState {
  resources: ResourceEntry[];
  loaded: boolean;
  /** Counts engine events that may change what `resources.list` says (declarations, waiting steps); watchers refetch. */
  changes: number;
  setResources(resources: ResourceEntry[]): void;
  applyAllocations(changes: AllocationChange[]): void;
  noteChange(): void;
}

const sameAllocation = (a: ResourceAllocation, b: ResourceAllocation): boolean =>
  a.resourceId === b.resourceId && a.taskId === b.taskId && a.allocatedAt === b.allocatedAt;

function applyOne(entry: ResourceEntry, { allocation, released }: AllocationChange): ResourceEntry {
  const held = entry.allocations.some((existing) => sameAllocation(existing, allocation));
  // Events can repeat what a fresh `resources.list` already counted: only a real change moves `available`.
  if (released === !held) return entry;
  return released
    ? { ...entry, available: entry.available + allocation.amount, allocations: entry.allocations.filter((existing) => !sameAllocation(existing, allocation)) }
    : { ...entry, available: entry.available - allocation.amount, allocations: [...entry.allocations, allocation] };
}

export function createResourcesStore() {
  return createStore<ResourcesState>()((set) => ({
    resources: [],
    loaded: false,
    changes: 0,
    noteChange: () => set((state) => ({ changes: state.changes + 1 })),
    setResources: (resources) => set({ resources, loaded: true }),
    applyAllocations: (changes) => set((state) => {
      const index = new Map(state.resources.map((entry, i) => [entry.id, i]));
      const resources = [...state.resources];
      for (const change of changes) {
        const at = index.get(change.allocation.resourceId);
        if (at !== undefined) resources[at] = applyOne(resources[at]!, change);
      }
      // An allocation also moves who waits: watchers of `changes` refetch the waiting lists.
      return { resources, changes: state.changes + 1 };
    }),
  }));
}

export type ResourcesStore = ReturnType<typeof createResourcesStore>;
