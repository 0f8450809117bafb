// Every registered action, searchable: drag one onto the canvas, or press Enter / click "Add" to place it in view.
import { memo, type DragEvent, type ReactElement } from 'react';
import type { ActionInfo } from '../../shared/ipc.js';
import { useActions, useEditorStore } from '../app/hooks.js';
import { ACTION_DRAG_TYPE } from '../canvas/action-drag.js';
import { filterActions } from './editor-store.js';
import { actionGlyph } from '../canvas/step-icons.js';

export function Palette({ onAdd }: { onAdd(info: ActionInfo): void }): ReactElement {
  const actions = useEditorStore((state) => state.actions);
  const query = useEditorStore((state) => state.paletteQuery);
  const { setPaletteQuery } = useActions();
  const shown = filterActions(actions, query);
  return (
    <aside className="palette" aria-label="Actions">
      <input className="input palette__search" type="search" aria-label="Search actions" placeholder="Search actions…" value={query} onChange={(event) => setPaletteQuery(event.target.value)} />
      <ul className="palette__list">
        {shown.map((info) => <PaletteItem key={`${info.module}.${info.action}`} info={info} onAdd={onAdd} />)}
        {shown.length === 0 && <li className="muted">{actions.length === 0 ? 'Loading actions…' : 'No action matches.'}</li>}
      </ul>
    </aside>
  );
}

const PaletteItem = memo(function PaletteItem({ info, onAdd }: { info: ActionInfo; onAdd(info: ActionInfo): void }): ReactElement {
  const onDragStart = (event: DragEvent): void => {
    event.dataTransfer.setData(ACTION_DRAG_TYPE, JSON.stringify({ module: info.module, action: info.action }));
    event.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <li>
      <button type="button" className="palette__item" draggable onDragStart={onDragStart} onClick={() => onAdd(info)} title={info.description} data-action={`${info.module}.${info.action}`} aria-label={`Add ${info.module}.${info.action}: ${info.description}`}>
        <span className="palette__icon" aria-hidden="true">{actionGlyph(info.icon)}</span>
        <span className="palette__text">
          <span className="palette__name mono" title={`${info.module}.${info.action}`}>{info.module}.{info.action}</span>
          <span className="palette__description">{info.description}</span>
        </span>
      </button>
    </li>
  );
});
