// Sessions: the working contexts runs happen in; list them and start a new one by name.
import { useEffect, useState, type FormEvent, type ReactElement } from 'react';
import { formatStartTime } from '../app/format-time.js';
import { useActions, useSessionsStore } from '../app/hooks.js';
import { StatusBadge } from './StatusBadge.js';

export function SessionsView(): ReactElement {
  const sessions = useSessionsStore((state) => state.sessions);
  const loaded = useSessionsStore((state) => state.loaded);
  const { loadSessions } = useActions();
  useEffect(() => {
    void loadSessions();
  }, [loadSessions]);
  return (
    <section className="view" aria-labelledby="sessions-title">
      <header className="view__header">
        <h1 id="sessions-title">Sessions</h1>
      </header>
      <NewSessionForm />
      {sessions.length === 0 ? (
        <p className="muted empty">{loaded ? 'No sessions yet.' : 'Loading sessions…'}</p>
      ) : (
        <table className="table">
          <thead><tr><th scope="col">Name</th><th scope="col">Status</th><th scope="col">Created</th><th scope="col">Id</th></tr></thead>
          <tbody>
            {sessions.map((session) => (
              <tr key={session.sessionId}>
                <td>{session.name}</td>
                <td><StatusBadge status={session.status} /></td>
                <td className="muted">{formatStartTime(session.createdAt)}</td>
                <td className="mono muted">{session.sessionId}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function NewSessionForm(): ReactElement {
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const { createSession } = useActions();
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setBusy(true);
    void createSession(name).then((created) => {
      if (created) setName('');
    }).finally(() => setBusy(false));
  };
  return (
    <form className="inline-form" onSubmit={submit}>
      <label htmlFor="session-name">Session name</label>
      <input id="session-name" className="input" value={name} onChange={(event) => setName(event.target.value)} placeholder="e.g. release prep" maxLength={200} />
      <button type="submit" className="button button--primary" disabled={busy || name.trim() === ''}>Create session</button>
    </form>
  );
}
