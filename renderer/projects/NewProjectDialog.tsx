// "New project": choose a template (its description and workflows shown), a name and a parent folder; the engine
// writes the files and the new project's page opens.
import { useEffect, useState, type FormEvent, type ReactElement } from 'react';
import { useActions, useDashboardStore } from '../app/hooks.js';
import { Modal } from '../ui/Modal.js';

export function NewProjectDialog({ onClose }: { onClose(): void }): ReactElement {
  const templates = useDashboardStore((state) => state.templates);
  const { createProject, loadTemplates } = useActions();
  const [template, setTemplate] = useState('');
  const [name, setName] = useState('');
  const [parentDir, setParentDir] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void loadTemplates();
  }, [loadTemplates]);
  const chosen = templates.find((candidate) => candidate.name === template) ?? templates[0];
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (chosen === undefined) return;
    setBusy(true);
    void createProject({ name, parentDir, template: chosen.name }).then((created) => (created ? onClose() : setBusy(false)));
  };
  return (
    <Modal title="New project" onClose={onClose}>
      <form className="form" onSubmit={submit}>
        <fieldset className="template-choice">
          <legend>Template</legend>
          {templates.length === 0 && <p className="muted">Loading templates…</p>}
          {templates.map((candidate) => (
            <label key={candidate.name} className="template-option" data-checked={candidate === chosen || undefined}>
              <input type="radio" name="template" value={candidate.name} checked={candidate === chosen} onChange={() => setTemplate(candidate.name)} />
              <span className="template-option__body">
                <span className="template-option__name">{candidate.name}{!candidate.builtin && <span className="badge">yours</span>}</span>
                <span className="template-option__description muted">{candidate.description}</span>
                <span className="template-option__workflows">{candidate.workflows.map((workflow) => <span key={workflow} className="chip">{workflow}</span>)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <label className="field">Project name<input className="input" value={name} required onChange={(event) => setName(event.target.value)} /></label>
        <label className="field">Parent folder<input className="input mono" value={parentDir} required placeholder="/home/me/code" onChange={(event) => setParentDir(event.target.value)} /></label>
        <p className="muted form__hint">The project is written to {parentDir.trim() === '' ? '<parent folder>' : parentDir.trim().replace(/\/+$/, '')}/{name.trim() === '' ? '<name>' : name.trim()}.</p>
        <div className="form__actions">
          <button type="button" className="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="button button--primary" disabled={busy || chosen === undefined}>Create project</button>
        </div>
      </form>
    </Modal>
  );
}
