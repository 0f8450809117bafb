// The editor's toolbar: file commands, undo and redo, layout, grid, help — each also a shortcut (see the help); one
// row at any window size, narrower ones taking the short forms.
import type { ReactElement } from 'react';
import { useActions, useAppStore, useEditorStore, useGraphStore, useProjectsStore } from '../app/hooks.js';
import { useCanvasActions } from '../canvas/use-canvas-actions.js';
import { FileMoreMenu } from './FileMoreMenu.js';
import { SubflowButtons } from './SubflowButtons.js';

export interface ToolbarProps {
  openImport(): void;
  exportAs(format: 'yaml' | 'json'): void;
}

export function EditorToolbar({ openImport, exportAs }: ToolbarProps): ReactElement {
  const canUndo = useGraphStore((state) => state.history.past.length > 0);
  const canRedo = useGraphStore((state) => state.history.future.length > 0);
  const direction = useGraphStore((state) => state.direction);
  const snap = useEditorStore((state) => state.snapToGrid);
  const actions = useActions();
  const canvas = useCanvasActions();
  const selected = useAppStore((state) => state.projectId);
  // New and Import go to the project the header shows: the open workflow's.
  const projectId = useGraphStore((state) => state.shown?.projectId ?? null) ?? selected;
  const project = useProjectsStore((state) => state.projects.find((candidate) => candidate.id === projectId));
  const hasProject = projectId !== null;
  const into = project === undefined ? '' : ` in ${project.name}`;
  return (
    // In a narrow window the layout buttons lose their word and Import/Export move under ⋯ (editor.css): one row.
    <div className="toolbar-frame">
      <div className="toolbar" role="toolbar" aria-label="Editor">
        <button type="button" className="button button--small" onClick={() => void actions.newWorkflow()} disabled={!hasProject} title={`New workflow${into} (Alt+N)`}>New</button>
        <button type="button" className="button button--small" onClick={() => void actions.save()} title="Save (Ctrl+S)">Save</button>
        <button type="button" className="button button--small" onClick={() => void actions.saveAs()} title="Save as (Ctrl+Shift+S)">Save as…</button>
        <button type="button" className="button button--small toolbar__wide" onClick={openImport} disabled={!hasProject} title={`Import a YAML or JSON file${into} (Alt+O)`}>Import…</button>
        <button type="button" className="button button--small toolbar__wide" onClick={() => exportAs('yaml')} title="Export as YAML (Alt+E)">Export YAML</button>
        <button type="button" className="button button--small toolbar__wide" onClick={() => exportAs('json')} title="Export as JSON">Export JSON</button>
        <FileMoreMenu canImport={hasProject} into={into} openImport={openImport} exportAs={exportAs} />
        <span className="toolbar__gap" />
        <button type="button" className="button button--small" onClick={actions.undo} disabled={!canUndo} aria-label="Undo" title="Undo (Ctrl+Z)">↶</button>
        <button type="button" className="button button--small" onClick={actions.redo} disabled={!canRedo} aria-label="Redo" title="Redo (Ctrl+Shift+Z)">↷</button>
        <SubflowButtons />
        <button type="button" className="button button--small" onClick={() => canvas.layout('LR')} aria-pressed={direction === 'LR'} aria-label="Layout →" title="Auto-layout left to right (L toggles)"><span className="toolbar__long">Layout </span>→</button>
        <button type="button" className="button button--small" onClick={() => canvas.layout('TB')} aria-pressed={direction === 'TB'} aria-label="Layout ↓" title="Auto-layout top to bottom (L toggles)"><span className="toolbar__long">Layout </span>↓</button>
        <button type="button" className="button button--small" onClick={() => void actions.groupSelection()} title="Group the selected steps (Ctrl+G)">Group</button>
        <button type="button" className="button button--small" onClick={actions.fitCanvas} title="Fit view (F)">Fit</button>
        <button type="button" className="button button--small" onClick={actions.toggleSnapToGrid} aria-pressed={snap} title="Snap to grid (G)">Grid</button>
        <button type="button" className="button button--small" onClick={() => actions.setHelpOpen(true)} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (? or F1)">?</button>
      </div>
    </div>
  );
}
