// Sessions: the working contexts runs happen in, kept in step with `session.updated` events; which one is current
// (every Run button runs in it) survives a reload through the storage it is given.
import { createStore } from 'zustand/vanilla';
import type { Session } from '../../shared/model.js';

export const CURRENT_SESSION_KEY = 'codomyrmex.currentSession';

/** The part of localStorage the store uses, so tests can hand it a Map. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface SessionsState {
  sessions: Session[];
  loaded: boolean;
  currentSessionId: string | null;
  /** Execution ids per session, newest first, as last listed. */
  executions: ReadonlyMap<string, readonly string[]>;
  setSessions(sessions: Session[]): void;
  upsertSessions(sessions: Session[]): void;
  switchTo(sessionId: string | null): void;
  setExecutions(sessionId: string, executionIds: readonly string[]): void;
}

/** The current session while it exists and is open; null otherwise. */
export const selectCurrentSession = (state: SessionsState): Session | null => {
  const session = state.sessions.find((candidate) => candidate.sessionId === state.currentSessionId);
  return session !== undefined && session.status === 'active' ? session : null;
};

function read(storage: KeyValueStorage | null): string | null {
  try {
    return storage?.getItem(CURRENT_SESSION_KEY) ?? null;
  } catch {
    return null;
  }
}

export function createSessionsStore(storage: KeyValueStorage | null = null) {
  const remember = (sessionId: string | null): void => {
    try {
      if (sessionId === null) storage?.removeItem(CURRENT_SESSION_KEY);
      else storage?.setItem(CURRENT_SESSION_KEY, sessionId);
    } catch {
      // Storage refused (private mode, quota): the choice holds for this page only.
    }
  };
  /** A closed or vanished session stops being current, so no Run lands in it. */
  const stillCurrent = (sessions: Session[], current: string | null, loaded: boolean): string | null => {
    if (current === null || !loaded) return current;
    const session = sessions.find((candidate) => candidate.sessionId === current);
    if (session !== undefined && session.status === 'active') return current;
    remember(null);
    return null;
  };
  return createStore<SessionsState>()((set) => ({
    sessions: [],
    loaded: false,
    currentSessionId: read(storage),
    executions: new Map(),
    setSessions: (sessions) => set((state) => ({ sessions, loaded: true, currentSessionId: stillCurrent(sessions, state.currentSessionId, true) })),
    upsertSessions: (updates) => set((state) => {
      const byId = new Map(state.sessions.map((session) => [session.sessionId, session]));
      for (const session of updates) byId.set(session.sessionId, session);
      const sessions = [...byId.values()].sort((a, b) => b.createdAt - a.createdAt);
      return { sessions, currentSessionId: stillCurrent(sessions, state.currentSessionId, state.loaded) };
    }),
    switchTo: (sessionId) => {
      remember(sessionId);
      set({ currentSessionId: sessionId });
    },
    setExecutions: (sessionId, executionIds) => set((state) => ({ executions: new Map(state.executions).set(sessionId, executionIds) })),
  }));
}

export type SessionsStore = ReturnType<typeof createSessionsStore>;
