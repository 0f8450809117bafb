// The step cache as the Resources view shows it (issue 18): its size, cap and location as the engine last said.
import { createStore } from 'zustand/vanilla';
import type { CacheStats } from '../../shared/model.js';

export interface CacheState {
  stats: CacheStats | null;
  loaded: boolean;
  /** A Clear is under way: the button waits. */
  clearing: boolean;
  setStats(stats: CacheStats): void;
  setClearing(clearing: boolean): void;
}

export function createCacheStore() {
  return createStore<CacheState>()((set) => ({
    stats: null,
    loaded: false,
    clearing: false,
    setStats: (stats) => set({ stats, loaded: true }),
    setClearing: (clearing) => set({ clearing }),
  }));
}

export type CacheStore = ReturnType<typeof createCacheStore>;
