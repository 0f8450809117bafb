import { describe, expect, it, vi } from 'vitest';
import type { CacheStats } from '../../../../shared/model.js';
import { applyEventBatch } from '../../../../renderer/app/apply-event-batch.js';
import { createActions } from '../../../../renderer/app/create-actions.js';
import type { Notifier } from '../../../../renderer/app/browser-notifier.js';
import { formatBytes } from '../../../../renderer/app/format-size.js';
import { createStores } from '../../../../renderer/app/stores.js';
import { FakeApi, summary } from '../fixtures.js';

const FULL: CacheStats = { location: '/home/u/.codomyrmex/cache', entries: 12, bytes: 3_565_158, maxBytes: 5 * 1024 ** 3 };
const EMPTY: CacheStats = { ...FULL, entries: 0, bytes: 0 };
const silent: Notifier = { permission: () => 'denied', request: async () => 'denied', show: () => {} };

function app() {
  let stats = FULL;
  const api = new FakeApi({
    'cache.stats': () => stats,
    'cache.clear': () => (stats = EMPTY),
  });
  const stores = createStores();
  api.onEvents((batch) => applyEventBatch(stores, batch));
  const actions = createActions(api, stores, undefined, silent);
  const asked = async () => {
    await vi.waitFor(() => expect(stores.dialogs.getState().open).toHaveLength(1));
    return stores.dialogs.getState().open[0]!;
  };
  const answer = (id: number, value: boolean): void => stores.dialogs.getState().answer(id, value);
  return { api, stores, actions, asked, answer };
}

describe('the step cache in the Resources view', () => {
  it('reads its entries, size, cap and location', async () => {
    const { stores, actions } = app();
    await actions.loadCacheStats();
    expect(stores.cache.getState().stats).toEqual(FULL);
  });

  it('Clear asks in the app\'s dialog, naming what goes; Cancel clears nothing', async () => {
    const { api, stores, actions, asked, answer } = app();
    await actions.loadCacheStats();
    const refused = actions.clearCache();
    const { id, request } = await asked();
    expect(request).toMatchObject({ kind: 'confirm', question: { title: 'Clear the step cache?', confirmLabel: 'Clear cache', danger: true } });
    expect((request as { question: { message: string } }).question.message).toBe('12 stored step results (3.4 MiB) in /home/u/.codomyrmex/cache will be removed: every cached step runs again on its next run. Files in your projects are not touched.');
    answer(id, false);
    expect(await refused).toBe(false);
    expect(api.calls.some((call) => call.command === 'cache.clear')).toBe(false);
    expect(stores.cache.getState().stats).toEqual(FULL);
  });

  it('Clear empties it once agreed and says how much was freed', async () => {
    const { stores, actions, asked, answer } = app();
    await actions.loadCacheStats();
    const clearing = actions.clearCache();
    answer((await asked()).id, true);
    expect(await clearing).toBe(true);
    expect(stores.cache.getState().stats).toEqual(EMPTY);
    expect(stores.notices.getState().notices.map((notice) => notice.message)).toEqual(['Step cache cleared: 3.4 MiB freed']);
  });

  it('is read again when a run ends while the view watches, not on every step event', async () => {
    vi.useFakeTimers();
    try {
      const { api, actions } = app();
      const stop = actions.watchCache(100);
      const reads = (): number => api.calls.filter((call) => call.command === 'cache.stats').length;
      api.emit({ events: [{ type: 'execution.updated', execution: summary('e1', { status: 'running' }) }] });
      await vi.advanceTimersByTimeAsync(200);
      expect(reads()).toBe(0);
      api.emit({ events: [{ type: 'execution.updated', execution: summary('e1', { status: 'completed', endTime: 2_000 }) }] });
      await vi.advanceTimersByTimeAsync(200);
      expect(reads()).toBe(1);
      stop();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('sizes on disk', () => {
  it('read in binary units, one decimal below ten', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(1023)).toBe('1023 bytes');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(812 * 1024)).toBe('812 KiB');
    expect(formatBytes(5 * 1024 ** 3)).toBe('5.0 GiB');
  });
});
