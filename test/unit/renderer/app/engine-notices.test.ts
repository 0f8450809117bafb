import { describe, expect, it } from 'vitest';
import type { EngineNotice } from '../../../../shared/events.js';
import { createNoticeStore } from '../../../../renderer/app/notice-store.js';

const notice = (id: string, level: EngineNotice['level'], message: string): EngineNotice => ({ id, level, message, time: 1 });

describe("the engine's notices in the app", () => {
  it('show once each, by level, and one that resolves an earlier notice takes its place', () => {
    const store = createNoticeStore();
    const fault = notice('notice-1', 'error', 'could not save run records to /d/orchestrator.db: the disk is full');
    store.getState().fromEngine([{ notice: fault }]);
    // The same notice again (from app.info after a reconnect) is not shown twice.
    store.getState().fromEngine([{ notice: fault }]);
    expect(store.getState().notices.map((n) => [n.code, n.message])).toEqual([['error', fault.message]]);
    store.getState().fromEngine([{ notice: notice('notice-2', 'info', 'run records are saved again to /d/orchestrator.db'), resolves: 'notice-1' }]);
    expect(store.getState().notices.map((n) => [n.code, n.message])).toEqual([['info', 'run records are saved again to /d/orchestrator.db']]);
  });
});
