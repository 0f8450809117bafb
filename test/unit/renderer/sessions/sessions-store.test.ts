import { describe, expect, it } from 'vitest';
import type { Session } from '../../../../shared/model.js';
import { createSessionsStore, CURRENT_SESSION_KEY, selectCurrentSession, type KeyValueStorage } from '../../../../renderer/sessions/sessions-store.js';

const session = (sessionId: string, fields: Partial<Session> = {}): Session => ({
  sessionId, name: sessionId, projectId: 'p1', createdAt: 1, status: 'active', variables: {}, env: {}, ...fields,
});

class MemoryStorage implements KeyValueStorage {
  readonly items = new Map<string, string>();
  getItem = (key: string): string | null => this.items.get(key) ?? null;
  setItem = (key: string, value: string): void => void this.items.set(key, value);
  removeItem = (key: string): void => void this.items.delete(key);
}

describe('the sessions store', () => {
  it('switching the session is remembered, so a reload starts in it', () => {
    const storage = new MemoryStorage();
    const store = createSessionsStore(storage);
    store.getState().setSessions([session('s1'), session('s2')]);
    store.getState().switchTo('s2');
    expect(storage.items.get(CURRENT_SESSION_KEY)).toBe('s2');
    const reloaded = createSessionsStore(storage);
    expect(reloaded.getState().currentSessionId).toBe('s2');
    reloaded.getState().setSessions([session('s1'), session('s2')]);
    expect(selectCurrentSession(reloaded.getState())?.name).toBe('s2');
  });

  it('a closed or vanished session stops being current, so no run lands in it', () => {
    const storage = new MemoryStorage();
    const store = createSessionsStore(storage);
    store.getState().setSessions([session('s1')]);
    store.getState().switchTo('s1');
    store.getState().upsertSessions([session('s1', { status: 'closed' })]);
    expect(store.getState().currentSessionId).toBeNull();
    expect(storage.items.has(CURRENT_SESSION_KEY)).toBe(false);
  });

  it('a remembered session is kept until the list has loaded', () => {
    const storage = new MemoryStorage();
    storage.setItem(CURRENT_SESSION_KEY, 's9');
    const store = createSessionsStore(storage);
    store.getState().upsertSessions([session('s1')]);
    expect(store.getState().currentSessionId).toBe('s9');
    store.getState().setSessions([session('s1')]);
    expect(store.getState().currentSessionId).toBeNull();
  });
});
