import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createNoticeStore, INFO_NOTICE_MS } from '../../../../renderer/app/notice-store.js';

const info = (message: string) => ({ message, code: 'info', problems: [] });
const error = (message: string) => ({ message, code: 'failed', problems: [] });

describe('notices', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('information goes away by itself after a few seconds; errors stay until closed', () => {
    const store = createNoticeStore();
    store.getState().report(info('Saved'));
    store.getState().report(error('cannot reach the engine'));
    vi.advanceTimersByTime(INFO_NOTICE_MS - 1);
    expect(store.getState().notices.map((n) => n.message)).toEqual(['Saved', 'cannot reach the engine']);
    vi.advanceTimersByTime(1);
    expect(store.getState().notices.map((n) => n.message)).toEqual(['cannot reach the engine']);
    vi.advanceTimersByTime(60_000);
    expect(store.getState().notices.map((n) => n.message)).toEqual(['cannot reach the engine']);
  });

  it('the same error again counts up on one entry; "Dismiss all" closes every error and keeps the information', () => {
    const store = createNoticeStore();
    store.getState().report(error('a failed'));
    store.getState().report(error('b failed'));
    store.getState().report(error('a failed'));
    store.getState().report(info('Forgot shop'));
    expect(store.getState().notices.map((n) => [n.message, n.count])).toEqual([['a failed', 2], ['b failed', 1], ['Forgot shop', 1]]);
    store.getState().dismissErrors();
    expect(store.getState().notices.map((n) => n.message)).toEqual(['Forgot shop']);
  });

  it('the same information again restarts its few seconds', () => {
    const store = createNoticeStore();
    store.getState().report(info('reloaded'));
    vi.advanceTimersByTime(INFO_NOTICE_MS - 1000);
    store.getState().report(info('reloaded'));
    vi.advanceTimersByTime(INFO_NOTICE_MS - 1);
    expect(store.getState().notices).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(store.getState().notices).toEqual([]);
  });

  it('keeps the last twenty errors and three pieces of information, whatever storm comes', () => {
    const store = createNoticeStore();
    for (let i = 0; i < 30; i++) store.getState().report(error(`e${i}`));
    for (let i = 0; i < 5; i++) store.getState().report(info(`i${i}`));
    const messages = store.getState().notices.map((n) => n.message);
    expect(messages.filter((m) => m.startsWith('e'))).toEqual(Array.from({ length: 20 }, (_, i) => `e${i + 10}`));
    expect(messages.filter((m) => m.startsWith('i'))).toEqual(['i2', 'i3', 'i4']);
  });
});
