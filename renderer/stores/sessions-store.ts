// Sessions: the working contexts runs happen in, kept in step with `session.updated` events.
import { createStore } from 'zustand/vanilla';
import type { Session } from '../../shared/model.js';

export interface SessionsState {
  sessions: Session[];
  loaded: boolean;
  setSessions(sessions: Session[]): void;
  upsertSessions(sessions: Session[]): void;
}

export function createSessionsStore() {
  return createStore<SessionsState>()((set) => ({
    sessions: [],
    loaded: false,
    setSessions: (sessions) => set({ sessions, loaded: true }),
    upsertSessions: (updates) => set((state) => {
      const byId = new Map(state.sessions.map((session) => [session.sessionId, session]));
      for (const session of updates) byId.set(session.sessionId, session);
      return { sessions: [...byId.values()].sort((a, b) => b.createdAt - a.createdAt) };
    }),
  }));
}

export type SessionsStore = ReturnType<typeof createSessionsStore>;
