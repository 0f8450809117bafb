// Saves a project's workflows as a template new projects can start from: a name and a description.
import { useState, type FormEvent, type ReactElement } from 'react';
import { useActions } from '../app/hooks.js';
import { Modal } from '../ui/Modal.js';

export function SaveTemplateDialog({ projectId, projectName, onClose }: { projectId: string; projectName: string; onClose(): void }): ReactElement {
  const { saveAsTemplate } = useActions();
  const [name, setName] = useState(projectName.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+/, ''));
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setBusy(true);
    void saveAsTemplate(projectId, name, description).then((saved) => (saved ? onClose() : setBusy(false)));
  };
  return (
    <Modal title={`Save ${projectName} as a template`} onClose={onClose}>
      <form className="form" onSubmit={submit}>
        <label className="field">Template name<input className="input" value={name} required pattern="[A-Za-z0-9][A-Za-z0-9_-]{0,63}" onChange={(event) => setName(event.target.value)} /></label>
        <label className="field">Description<input className="input" value={description} onChange={(event) => setDescription(event.target.value)} /></label>
        <div className="form__actions">
          <button type="button" className="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="button button--primary" disabled={busy}>Save template</button>
        </div>
      </form>
    </Modal>
  );
}
