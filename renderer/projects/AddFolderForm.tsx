// "Add folder": registers an existing folder (typed as a path; the engine may be on another door) as a project.
import { useState, type FormEvent, type ReactElement } from 'react';
import { useActions } from '../app/hooks.js';

export function AddFolderForm({ onDone }: { onDone(): void }): ReactElement {
  const { addFolder } = useActions();
  const [path, setPath] = useState('');
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    void addFolder(path).then((added) => {
      if (added) onDone();
    });
  };
  return (
    <form className="inline-form add-folder" onSubmit={submit}>
      <label htmlFor="add-folder-path">Folder</label>
      <input id="add-folder-path" className="input input--wide mono" placeholder="/home/me/code/my-project" value={path} autoFocus onChange={(event) => setPath(event.target.value)} />
      <button type="submit" className="button button--primary" disabled={path.trim() === ''}>Add project</button>
      <button type="button" className="button" onClick={onDone}>Cancel</button>
    </form>
  );
}
