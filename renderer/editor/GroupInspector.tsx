// Beside the canvas, for the selected group: its name (applied on Enter or leaving the field), its colour, collapse or
// expand, ungroup, and its steps (a click selects one). Every change is an undoable edit.
import { useEffect, useMemo, useState, type ReactElement } from 'react';
import { GROUP_COLOURS, readGroups, type WorkflowGroup } from '../../shared/workflow-groups.js';
import { useActions, useGraphStore } from '../app/hooks.js';
import { GROUP_NODE_PREFIX, isGroupNode, type CanvasNode } from '../canvas/group-nodes.js';
import { InspectorRow } from './inspector/InspectorRow.js';

/** The one selected group's id, or null: a string, so the editor re-renders only when it changes. */
export const selectSelectedGroup = (state: { nodes: readonly CanvasNode[] }): string | null => {
  let found: string | null = null;
  for (const node of state.nodes) {
    if (node.selected !== true) continue;
    if (!isGroupNode(node) || found !== null) return null;
    found = node.id.slice(GROUP_NODE_PREFIX.length);
  }
  return found;
};

function GroupNameInput({ group }: { group: WorkflowGroup }): ReactElement {
  const [draft, setDraft] = useState(group.name);
  const { renameGroup } = useActions();
  useEffect(() => setDraft(group.name), [group.name]);
  const commit = (): void => {
    if (draft.trim() === group.name || !renameGroup(group.id, draft)) setDraft(group.name);
  };
  return (
    <input id="group-name" className="input" value={draft} onChange={(event) => setDraft(event.target.value)} onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === 'Enter') commit();
        if (event.key === 'Escape') setDraft(group.name);
      }} />
  );
}

export function GroupInspector({ id }: { id: string }): ReactElement | null {
  const workflow = useGraphStore((state) => state.workflow);
  const group = useMemo(() => (workflow === null ? undefined : readGroups(workflow).groups.find((candidate) => candidate.id === id)), [workflow, id]);
  const actions = useActions();
  if (group === undefined) return null;
  return (
    <aside className="inspector" aria-label={`Inspector: group ${group.name}`}>
      <header className="inspector__header">
        <h2>Group</h2>
        <button type="button" className="icon-button" aria-label="Close the inspector" onClick={() => actions.select([])}>✕</button>
      </header>
      <div className="inspector__grid">
        <InspectorRow label="Name" htmlFor="group-name"><GroupNameInput group={group} /></InspectorRow>
        <InspectorRow label="Colour">
          <div className="group-colours" role="radiogroup" aria-label="Group colour">
            {GROUP_COLOURS.map((colour) => (
              <button key={colour} type="button" role="radio" aria-checked={group.colour === colour} aria-label={colour} title={colour}
                className="group-colours__swatch step-group" data-colour={colour} onClick={() => actions.recolourGroup(group.id, colour)} />
            ))}
          </div>
        </InspectorRow>
      </div>
      <div className="inspector__run">
        <button type="button" className="button button--small" onClick={() => actions.setGroupCollapsed(group.id, !group.collapsed)}>{group.collapsed ? 'Expand' : 'Collapse'}</button>
        <button type="button" className="button button--small" onClick={() => actions.ungroup(group.id)} title="The steps stay where they are (Ctrl+Shift+G)">Ungroup</button>
      </div>
      <div className="inspector__section">
        <h3>{group.steps.length} step{group.steps.length === 1 ? '' : 's'}</h3>
        <ul className="group-steps" aria-label={`Steps of ${group.name}`}>
          {group.steps.map((step) => <li key={step} className="mono">{step}</li>)}
        </ul>
      </div>
    </aside>
  );
}
