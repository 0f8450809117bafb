// Quick add: a searchable menu at the cursor (A or /); Enter adds the first match there, Escape closes.
import { useState, type KeyboardEvent, type ReactElement } from 'react';
import { useActions, useEditorStore } from '../app/hooks.js';
import { filterActions } from './editor-store.js';

export function QuickAdd(): ReactElement | null {
  const quickAdd = useEditorStore((state) => state.quickAdd);
  const actions = useEditorStore((state) => state.actions);
  const [query, setQuery] = useState('');
  const { addAction, openQuickAdd } = useActions();
  if (quickAdd === null) return null;
  const matches = filterActions(actions, query).slice(0, 8);
  const close = (): void => {
    setQuery('');
    openQuickAdd(null);
  };
  const choose = (index: number): void => {
    const info = matches[index];
    if (info === undefined) return;
    addAction(info, quickAdd.at);
    close();
  };
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Enter') choose(0);
    if (event.key === 'Escape') close();
  };
  return (
    <div className="quick-add" data-editor-dialog role="dialog" aria-label="Quick add" style={{ left: quickAdd.screen.x, top: quickAdd.screen.y }}>
      <input className="input" autoFocus aria-label="Action to add" placeholder="Add a step…" value={query} onChange={(event) => setQuery(event.target.value)} onKeyDown={onKeyDown} onBlur={close} />
      <ul className="quick-add__list">
        {matches.map((info, index) => (
          // onMouseDown, not onClick: the input's blur would close the menu before a click lands.
          <li key={`${info.module}.${info.action}`}>
            <button type="button" className="quick-add__item mono" onMouseDown={(event) => { event.preventDefault(); choose(index); }}>{info.module}.{info.action}</button>
          </li>
        ))}
      </ul>
    </div>
  );
}
