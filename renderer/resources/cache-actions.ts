// Actions over the step cache (issue 18): read its size, clear it after the app's own confirmation, and keep the
// Resources view's figures fresh as runs end (a run may store or restore results).
import type { OrchestratorApi } from '../../shared/ipc.js';
import { TERMINAL_EXECUTION_STATUSES } from '../../shared/model.js';
import { formatBytes } from '../app/format-size.js';
import { attempt } from '../app/attempt.js';
import type { Stores } from '../app/stores.js';
import { trailingCall } from '../app/trailing-call.js';
import type { ConfirmQuestion, Dialogs } from '../ui/dialogs.js';

export const CACHE_REFRESH_MS = 500;

export const clearCacheQuestion = (entries: number, bytes: number, location: string): ConfirmQuestion => ({
  title: 'Clear the step cache?',
  message: `${entries === 1 ? '1 stored step result' : `${entries} stored step results`} (${formatBytes(bytes)}) in ${location} will be removed: every cached step runs again on its next run. Files in your projects are not touched.`,
  confirmLabel: 'Clear cache',
  danger: true,
});

export function createCacheActions(client: OrchestratorApi, stores: Stores, dialogs: Dialogs) {
  const { cache, runs, notices } = stores;

  const loadCacheStats = async (): Promise<void> => {
    const stats = await attempt(notices, () => client.invoke('cache.stats', {}));
    if (stats !== undefined) cache.getState().setStats(stats);
  };

  /** Asks first (Cancel is the default); true when the cache was cleared. */
  const clearCache = async (): Promise<boolean> => {
    const stats = cache.getState().stats;
    if (stats === null || !(await dialogs.confirm(clearCacheQuestion(stats.entries, stats.bytes, stats.location)))) return false;
    cache.getState().setClearing(true);
    try {
      const after = await attempt(notices, () => client.invoke('cache.clear', {}));
      if (after === undefined) return false;
      cache.getState().setStats(after);
      notices.getState().report({ message: `Step cache cleared: ${formatBytes(stats.bytes - after.bytes)} freed`, code: 'info', problems: [] });
      return true;
    } finally {
      cache.getState().setClearing(false);
    }
  };

  /** Re-reads the figures (at most every CACHE_REFRESH_MS) whenever a run ends; returns the function that stops. */
  const watchCache = (delayMs = CACHE_REFRESH_MS): (() => void) => {
    const refresh = trailingCall(() => void loadCacheStats(), delayMs);
    const ended = (): number => {
      let count = 0;
      for (const record of runs.getState().runs.values()) if (record.summary != null && TERMINAL_EXECUTION_STATUSES.has(record.summary.status)) count++;
      return count;
    };
    let seen = ended();
    const off = runs.subscribe((state, previous) => {
      if (state.batches === previous.batches) return;
      const now = ended();
      if (now !== seen) refresh.schedule();
      seen = now;
    });
    return () => {
      off();
      refresh.cancel();
    };
  };

  return { loadCacheStats, clearCache, watchCache };
}
