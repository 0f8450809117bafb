// The session a run started from the app goes in: the current one when it applies to the run's project, otherwise
// none — the engine would refuse it (a session never lends its folder or environment to another project) — and a
// notice says the session was left out and why.
import { sessionAppliesTo } from '../../shared/session-scope.js';
import { selectCurrentSession } from '../sessions/sessions-store.js';
import type { Stores } from '../app/stores.js';

export function sessionForRun({ sessions, projects, notices }: Pick<Stores, 'sessions' | 'projects' | 'notices'>, projectId: string, workflowName: string): { sessionId?: string } {
  const state = sessions.getState();
  // Not listed yet: the engine checks it and says what is wrong.
  if (!state.loaded) return state.currentSessionId === null ? {} : { sessionId: state.currentSessionId };
  const session = selectCurrentSession(state);
  if (session === null) return {};
  if (sessionAppliesTo(session, projectId)) return { sessionId: session.sessionId };
  const name = (id: string | null): string => projects.getState().projects.find((project) => project.id === id)?.name ?? 'another project';
  notices.getState().report({ message: `Ran ${workflowName} of ${name(projectId)} without the session "${session.name}": that session belongs to ${name(session.projectId)}.`, code: 'info', problems: [] });
  return {};
}
