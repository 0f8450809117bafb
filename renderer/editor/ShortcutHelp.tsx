// The keyboard shortcuts, listed from the same table the key handler uses (? or F1).
import type { ReactElement } from 'react';
import { useActions, useEditorStore } from '../app/hooks.js';
import { CANVAS_SHORTCUTS, SHORTCUTS } from '../app/shortcuts.js';

const isMac = typeof navigator !== 'undefined' && /Mac|iP(hone|ad)/.test(navigator.platform);
const show = (keys: string): string => keys.replace('Mod', isMac ? '⌘' : 'Ctrl');

export function ShortcutHelp(): ReactElement | null {
  const open = useEditorStore((state) => state.helpOpen);
  const { setHelpOpen } = useActions();
  if (!open) return null;
  const rows = [...SHORTCUTS.map(({ keys, label }) => ({ keys, label })), ...CANVAS_SHORTCUTS];
  return (
    <div className="overlay" onClick={() => setHelpOpen(false)}>
      <div className="help" data-editor-dialog role="dialog" aria-modal="true" aria-labelledby="help-title" onClick={(event) => event.stopPropagation()}>
        <header className="inspector__header">
          <h2 id="help-title">Keyboard shortcuts</h2>
          <button type="button" className="icon-button" autoFocus aria-label="Close shortcuts" onClick={() => setHelpOpen(false)}>✕</button>
        </header>
        <table className="help__table">
          <tbody>
            {rows.map((row) => (
              <tr key={row.label}>
                <td>{row.keys.map((keys) => <kbd key={keys}>{show(keys)}</kbd>)}</td>
                <td>{row.label}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
