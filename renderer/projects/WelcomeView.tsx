// The first run's screen (no project registered yet): try the sample project in one click, add a folder, or start a
// project from a template.
import { useState, type ReactElement } from 'react';
import { useActions, useAppStore } from '../app/hooks.js';
import { AddFolderForm } from './AddFolderForm.js';
import { NewProjectDialog } from './NewProjectDialog.js';

export function WelcomeView(): ReactElement {
  const { createSampleProject } = useActions();
  const home = useAppStore((state) => state.info?.home ?? null);
  const [adding, setAdding] = useState(false);
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);
  const trySample = (): void => {
    setBusy(true);
    void createSampleProject().finally(() => setBusy(false));
  };
  return (
    <section className="view welcome" aria-labelledby="welcome-title">
      <header className="welcome__header">
        <h1 id="welcome-title">Welcome to Codomyrmex Orchestrator</h1>
        <p className="muted">Draw your project's work as a graph of steps, press Run, and watch each step live. Start with one of these:</p>
      </header>
      <ul className="welcome__choices" aria-label="Ways to start">
        <li className="welcome__choice welcome__choice--main">
          <h2>Try the sample project</h2>
          <p>A ready-to-run workflow that shows parallel branches, a retry, outputs passed from step to step and two
            steps queueing for a shared resource. It opens in the editor: press Run.</p>
          {/* Its line is kept until the data folder is known (with the app's info, after the first render): the button
              below does not move when it comes. */}
          <p className="muted welcome__where" aria-hidden={home === null ? true : undefined}>{home === null ? '\u00a0' : <>Created in <span className="mono">{home}/projects/sample-project</span></>}</p>
          <button type="button" className="button button--primary" disabled={busy} onClick={trySample}>{busy ? 'Creating…' : 'Create the sample project'}</button>
        </li>
        <li className="welcome__choice">
          <h2>Add a folder</h2>
          <p>A project you already have: its workflows live in <span className="mono">.codomyrmex/workflows/</span>.</p>
          {adding ? <AddFolderForm onDone={() => setAdding(false)} /> : <button type="button" className="button" onClick={() => setAdding(true)}>Add folder…</button>}
        </li>
        <li className="welcome__choice">
          <h2>New project from a template</h2>
          <p>A web application, a data pipeline, an AI analysis or a Node package, with workflows that run.</p>
          <button type="button" className="button" onClick={() => setCreating(true)}>New project…</button>
        </li>
      </ul>
      {creating && <NewProjectDialog onClose={() => setCreating(false)} />}
    </section>
  );
}
