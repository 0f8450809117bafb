// Sessions: the working contexts runs happen in — create one (for any project, or bound to one), switch to it (every
// Run button runs in the current session), rename it, edit its variables and environment, close it, and see its runs.
import { useEffect, useState, type FormEvent, type ReactElement } from 'react';
import { useActions, useProjectsStore, useSessionsStore } from '../app/hooks.js';
import { SessionEditor } from './SessionEditor.js';
import { StatusBadge } from '../ui/StatusBadge.js';

export function SessionsView(): ReactElement {
  const sessions = useSessionsStore((state) => state.sessions);
  const loaded = useSessionsStore((state) => state.loaded);
  const current = useSessionsStore((state) => state.currentSessionId);
  const [picked, setPicked] = useState<string | null>(null);
  const { loadSessions, switchSession } = useActions();
  useEffect(() => {
    void loadSessions();
  }, [loadSessions]);
  const shown = sessions.find((session) => session.sessionId === (picked ?? current)) ?? null;
  return (
    <section className="view" aria-labelledby="sessions-title">
      <header className="view__header"><h1 id="sessions-title">Sessions</h1></header>
      <NewSessionForm />
      <div className="sessions">
        {sessions.length === 0 ? <p className="muted empty">{loaded ? 'No sessions yet. A session groups runs with their own variables and environment: name one above and create it, and the Run buttons run in it (the Session picker at the bottom left switches sessions).' : 'Loading sessions…'}</p> : (
          <ul className="project-list" aria-label="Sessions">
            {sessions.map((session) => (
              <li key={session.sessionId} className="session-item">
                <button type="button" className="project-item" aria-current={shown?.sessionId === session.sessionId} onClick={() => setPicked(session.sessionId)}>
                  <span className="project-item__name">{session.name}{session.sessionId === current && <span className="muted"> · current</span>}</span>
                  <span className="project-item__path"><StatusBadge status={session.status} /></span>
                </button>
                {session.status === 'active' && session.sessionId !== current && (
                  <button type="button" className="button button--small" aria-label={`Switch to ${session.name}`} onClick={() => switchSession(session.sessionId)}>Switch to</button>
                )}
              </li>
            ))}
          </ul>
        )}
        {shown !== null ? <SessionEditor key={shown.sessionId} session={shown} /> : sessions.length > 0 && <p className="muted">Choose a session to see its variables, environment and runs.</p>}
      </div>
    </section>
  );
}

function NewSessionForm(): ReactElement {
  const [name, setName] = useState('');
  // Any project by default: a session bound to one project does not apply to the Run buttons of the others.
  const [projectId, setProjectId] = useState<string>('');
  const projects = useProjectsStore((state) => state.projects);
  const [busy, setBusy] = useState(false);
  const { createSession } = useActions();
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setBusy(true);
    void createSession(name, projectId === '' ? null : projectId).then((created) => {
      if (created) setName('');
    }).finally(() => setBusy(false));
  };
  return (
    <form className="inline-form" onSubmit={submit}>
      <label htmlFor="session-name">Session name</label>
      <input id="session-name" className="input" value={name} onChange={(event) => setName(event.target.value)} placeholder="e.g. release prep" maxLength={200} />
      <label htmlFor="session-project">for</label>
      <select id="session-project" className="input input--small" aria-label="Project of the new session" title="The runs it applies to: any project's, or one project's only (run in its folder)" value={projectId} onChange={(event) => setProjectId(event.target.value)}>
        <option value="">any project</option>
        {projects.map((project) => <option key={project.id} value={project.id}>{project.name}</option>)}
      </select>
      <button type="submit" className="button button--primary" disabled={busy || name.trim() === ''}>Create session</button>
    </form>
  );
}
