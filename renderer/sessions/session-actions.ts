// Actions over sessions and resources: list, create, rename, switch, close a session, edit its variables and
// environment, list its runs; list resources.
import type { OrchestratorApi } from '../../shared/ipc.js';
import type { Stores } from '../app/stores.js';
import { attempt } from '../app/attempt.js';

export interface SessionChange {
  name?: string;
  projectId?: string | null;
  env?: Record<string, string>;
  variables?: Record<string, string>;
}

export function createSessionActions(client: OrchestratorApi, stores: Stores) {
  const { app, sessions, runs, resources, notices } = stores;

  const loadSessions = async (): Promise<void> => {
    const list = await attempt(notices, () => client.invoke('sessions.list', {}));
    if (list !== undefined) sessions.getState().setSessions(list);
  };

  /** A new session, bound to the chosen project (the current one by default), made current. */
  const createSession = async (name: string, projectId = app.getState().projectId): Promise<boolean> => {
    const trimmed = name.trim();
    if (trimmed === '') return false;
    const session = await attempt(notices, () => client.invoke('sessions.create', { name: trimmed, ...(projectId !== null ? { projectId } : {}) }));
    if (session === undefined) return false;
    sessions.getState().upsertSessions([session]);
    sessions.getState().switchTo(session.sessionId);
    return true;
  };

  const updateSession = async (sessionId: string, change: SessionChange): Promise<boolean> => {
    if (change.name !== undefined && change.name.trim() === '') return false;
    const request = { sessionId, ...change, ...(change.name !== undefined ? { name: change.name.trim() } : {}) };
    const session = await attempt(notices, () => client.invoke('sessions.update', request));
    if (session === undefined) return false;
    sessions.getState().upsertSessions([session]);
    return true;
  };

  const closeSession = async (sessionId: string): Promise<void> => {
    const session = await attempt(notices, () => client.invoke('sessions.close', { sessionId }));
    if (session !== undefined) sessions.getState().upsertSessions([session]);
  };

  const switchSession = (sessionId: string | null): void => sessions.getState().switchTo(sessionId);

  const loadSessionRuns = async (sessionId: string): Promise<void> => {
    const list = await attempt(notices, () => client.invoke('runs.list', { sessionId, limit: 100 }));
    if (list === undefined) return;
    runs.getState().setRecent(list);
    sessions.getState().setExecutions(sessionId, list.map((execution) => execution.executionId));
  };

  const loadResources = async (): Promise<void> => {
    const list = await attempt(notices, () => client.invoke('resources.list', {}));
    if (list !== undefined) resources.getState().setResources(list);
  };

  return { loadSessions, createSession, updateSession, closeSession, switchSession, loadSessionRuns, loadResources };
}
