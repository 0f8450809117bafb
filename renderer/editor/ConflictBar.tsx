// Shown when the open file changed on disk under unsaved edits: keep theirs (reload) or mine (overwrite).
import type { ReactElement } from 'react';
import { useActions, useEditorStore } from '../app/hooks.js';

export function ConflictBar(): ReactElement | null {
  const conflict = useEditorStore((state) => state.conflict);
  const { reloadTheirs, keepMine } = useActions();
  if (conflict === null) return null;
  return (
    <div className="conflict-bar" role="alert">
      <span>{conflict.name} was changed on disk by someone else while you had unsaved changes.</span>
      <button type="button" className="button" onClick={() => void reloadTheirs()}>Reload theirs</button>
      <button type="button" className="button button--primary" onClick={() => void keepMine()}>Keep mine</button>
    </div>
  );
}
