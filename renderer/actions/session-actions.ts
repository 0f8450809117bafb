// Actions over sessions and resources: list them, create a session.
import type { OrchestratorApi } from '../../shared/ipc.js';
import type { Stores } from '../stores/stores.js';
import { attempt } from './attempt.js';

export function createSessionActions(client: OrchestratorApi, stores: Stores) {
  const { app, sessions, resources, notices } = stores;

  const loadSessions = async (): Promise<void> => {
    const list = await attempt(notices, () => client.invoke('sessions.list', {}));
    if (list !== undefined) sessions.getState().setSessions(list);
  };

  const createSession = async (name: string): Promise<boolean> => {
    const trimmed = name.trim();
    if (trimmed === '') return false;
    const projectId = app.getState().projectId ?? undefined;
    const session = await attempt(notices, () => client.invoke('sessions.create', { name: trimmed, projectId }));
    if (session === undefined) return false;
    sessions.getState().upsertSessions([session]);
    return true;
  };

  const loadResources = async (): Promise<void> => {
    const list = await attempt(notices, () => client.invoke('resources.list', {}));
    if (list !== undefined) resources.getState().setResources(list);
  };

  return { loadSessions, createSession, loadResources };
}
