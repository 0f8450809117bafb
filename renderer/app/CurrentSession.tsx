// The frame's session picker: the session every Run button runs in, switchable from any view.
import type { ReactElement } from 'react';
import { useActions, useSessionsStore } from './hooks.js';

export function CurrentSession(): ReactElement {
  const sessions = useSessionsStore((state) => state.sessions);
  const current = useSessionsStore((state) => state.currentSessionId);
  const { switchSession } = useActions();
  const open = sessions.filter((session) => session.status === 'active');
  return (
    <label className="current-session">
      <span className="nav__caption">Session</span>
      <select className="input input--small" aria-label="Current session" value={current ?? ''} onChange={(event) => switchSession(event.target.value === '' ? null : event.target.value)}>
        <option value="">No session</option>
        {open.map((session) => <option key={session.sessionId} value={session.sessionId}>{session.name}</option>)}
      </select>
    </label>
  );
}
