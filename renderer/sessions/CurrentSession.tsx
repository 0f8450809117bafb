// The frame's session picker: the session Run buttons run in — for runs of its own project (each is named with its
// project) — switchable from any view.
import type { ReactElement } from 'react';
import { useActions, useProjectsStore, useSessionsStore } from '../app/hooks.js';

export function CurrentSession(): ReactElement {
  const sessions = useSessionsStore((state) => state.sessions);
  const current = useSessionsStore((state) => state.currentSessionId);
  const projects = useProjectsStore((state) => state.projects);
  const { switchSession } = useActions();
  const projectName = (id: string | null): string => (id === null ? 'any project' : projects.find((project) => project.id === id)?.name ?? 'a removed project');
  const open = sessions.filter((session) => session.status === 'active');
  const shown = open.find((session) => session.sessionId === current);
  // The narrow navigation cuts a long name short: the tooltip says it whole.
  return (
    <label className="current-session">
      <span className="nav__caption">Session</span>
      <select className="input input--small" aria-label="Current session" title={shown === undefined ? 'No session' : `${shown.name} · ${projectName(shown.projectId)}`} value={current ?? ''} onChange={(event) => switchSession(event.target.value === '' ? null : event.target.value)}>
        <option value="">No session</option>
        {open.map((session) => <option key={session.sessionId} value={session.sessionId}>{session.name} · {projectName(session.projectId)}</option>)}
      </select>
    </label>
  );
}
