// The app's setting that turns the queue on: a Redis URL (checked as it is typed, its password never shown back), the
// connection's state and what is wrong with it, and Turn off — steps then run on this machine again.
import { useId, useState, type FormEvent, type ReactElement } from 'react';
import { redisUrlProblem } from '../../shared/workers.js';
import { useActions, useWorkersStore } from '../app/hooks.js';

function QueueState(): ReactElement {
  const queue = useWorkersStore((state) => state.queue);
  if (queue.url === null) return <p className="queue-state" data-queue="off">Off: every step runs on this machine.</p>;
  return (
    <p className="queue-state" data-queue={queue.connected ? 'connected' : 'disconnected'} role="status">
      <span className={`badge ${queue.connected ? 'badge--succeeded' : 'badge--failed'}`}>{queue.connected ? 'connected' : 'not connected'}</span>
      {' '}<span className="mono">{queue.url}</span>
      {queue.problem !== null && <span className="queue-state__problem"> — {queue.problem}</span>}
    </p>
  );
}

export function QueueSettings(): ReactElement {
  const { configureQueue } = useActions();
  const on = useWorkersStore((state) => state.queue.url !== null);
  const problemId = useId();
  // The field never holds the saved URL: the engine keeps it, and what comes back has its password masked.
  const [url, setUrl] = useState('');
  const [editing, setEditing] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const apply = (next: string | null): void => {
    setBusy(true);
    void configureQueue(next).then((wrong) => {
      setBusy(false);
      setProblem(wrong);
      if (wrong === null) {
        setUrl('');
        setEditing(false);
      }
    });
  };
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    apply(url);
  };
  const showForm = !on || editing;
  return (
    <div className="queue-settings">
      <QueueState />
      {showForm ? (
        <form className="queue-form" aria-label="Queue" onSubmit={submit} noValidate>
          <label className="field">Redis URL
            <input
              className="input mono" value={url} placeholder="redis://:password@host:6379" autoComplete="off" spellCheck={false}
              aria-invalid={problem !== null || undefined} aria-describedby={problem !== null ? problemId : undefined}
              onChange={(event) => {
                setUrl(event.target.value);
                // A problem shown after a try clears as soon as the text is right (or empty again).
                if (problem !== null) setProblem(event.target.value.trim() === '' ? null : redisUrlProblem(event.target.value.trim()));
              }}
            />
          </label>
          <div className="form__actions">
            {editing && <button type="button" className="button" onClick={() => { setEditing(false); setProblem(null); setUrl(''); }}>Cancel</button>}
            <button type="submit" className="button button--primary" disabled={busy}>{busy ? 'Connecting…' : 'Use queue'}</button>
          </div>
          {problem !== null && <p id={problemId} className="resource-form__problem" role="alert">{problem}</p>}
        </form>
      ) : (
        <div className="form__actions">
          <button type="button" className="button button--small" onClick={() => setEditing(true)}>Change URL</button>
          <button type="button" className="button button--small" disabled={busy} onClick={() => apply(null)}>Turn off queue</button>
        </div>
      )}
      <p className="field__hint">redis://[:password@]host:port, rediss://… (TLS) or unix:///path/to/redis.sock[?password=…]. Steps go to the pool their runsOn names (default: default) on the workers of that pool.</p>
    </div>
  );
}
