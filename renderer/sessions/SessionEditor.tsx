// One session: rename, project, variables and environment overrides (key–value), close, and the runs made in it.
import { useEffect, useState, type ReactElement } from 'react';
import type { Session } from '../../shared/model.js';
import { formatStartTime } from '../app/format-time.js';
import { useActions, useProjectsStore, useRunStore, useSessionsStore } from '../app/hooks.js';
import { KeyValueInput } from '../editor/inspector/KeyValueInput.js';
import { StatusBadge } from '../ui/StatusBadge.js';

const NO_RUNS: readonly string[] = [];
const asStrings = (value: Record<string, unknown>): Record<string, string> => Object.fromEntries(Object.entries(value).map(([key, item]) => [key, String(item ?? '')]));

export function SessionEditor({ session }: { session: Session }): ReactElement {
  const [name, setName] = useState(session.name);
  const [variables, setVariables] = useState<Record<string, string>>(session.variables);
  const [env, setEnv] = useState<Record<string, string>>(session.env);
  const projects = useProjectsStore((state) => state.projects);
  const runIds = useSessionsStore((state) => state.executions.get(session.sessionId)) ?? NO_RUNS;
  const { updateSession, closeSession, loadSessionRuns } = useActions();
  const open = session.status === 'active';
  useEffect(() => {
    void loadSessionRuns(session.sessionId);
  }, [session.sessionId, loadSessionRuns]);
  const changed = JSON.stringify(variables) !== JSON.stringify(session.variables) || JSON.stringify(env) !== JSON.stringify(session.env);
  return (
    <section className="inspector session-editor" aria-label={`Session ${session.name}`}>
      <form className="inline-form" onSubmit={(event) => { event.preventDefault(); void updateSession(session.sessionId, { name }); }}>
        <input className="input" aria-label="Session name" value={name} onChange={(event) => setName(event.target.value)} maxLength={200} disabled={!open} />
        <button type="submit" className="button button--small" disabled={!open || name.trim() === '' || name === session.name}>Rename</button>
        <StatusBadge status={session.status} />
      </form>
      <label className="field">
        <span className="field__label">Project (its folder is the working directory)</span>
        <select className="input" aria-label="Session project" value={session.projectId ?? ''} disabled={!open} onChange={(event) => void updateSession(session.sessionId, { projectId: event.target.value === '' ? null : event.target.value })}>
          <option value="">Any project (each run in its own folder)</option>
          {projects.map((project) => <option key={project.id} value={project.id}>{project.name}</option>)}
        </select>
      </label>
      <KeyValueInput label="Variables" value={variables} onChange={(next) => setVariables(asStrings(next))} />
      <KeyValueInput label="Environment overrides" value={env} onChange={(next) => setEnv(asStrings(next))} />
      <div className="run-controls">
        <button type="button" className="button button--primary" disabled={!open || !changed} onClick={() => void updateSession(session.sessionId, { variables, env })}>Save variables</button>
        {open && <button type="button" className="button" onClick={() => void closeSession(session.sessionId)}>Close session</button>}
      </div>
      <h3>Runs in this session</h3>
      {runIds.length === 0 ? <p className="muted">No runs yet. While this session is current, the Run buttons run in it.</p> : (
        <ul className="run-list" aria-label="Runs in this session">{runIds.map((id) => <SessionRun key={id} executionId={id} />)}</ul>
      )}
    </section>
  );
}

function SessionRun({ executionId }: { executionId: string }): ReactElement | null {
  const summary = useRunStore((state) => state.runs.get(executionId)?.summary);
  // A session for any project holds runs of several: each says whose it is.
  const project = useProjectsStore((state) => (summary?.projectId == null ? undefined : state.projects.find((item) => item.id === summary.projectId)?.name));
  const { openRun } = useActions();
  if (summary == null) return null;
  return (
    <li>
      <button type="button" className="run-row run-row--compact" onClick={() => void openRun(executionId)}>
        <span><StatusBadge status={summary.status} /></span>
        <span className="run-row__workflow">{summary.workflowName}{project !== undefined && <span className="muted"> · {project}</span>}</span>
        <span className="muted">{formatStartTime(summary.startTime)}</span>
      </button>
    </li>
  );
}
