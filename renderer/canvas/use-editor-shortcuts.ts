// The editor's keyboard shortcuts (app/shortcuts.ts), bound to the window while the editor is shown.
import { useReactFlow } from '@xyflow/react';
import { useEffect, type RefObject } from 'react';
import { useActions } from '../app/hooks.js';
import { isTypingTarget, matchShortcut, type ShortcutCommand } from '../app/shortcuts.js';
import type { XY } from '../editor/graph-edits.js';
import { useCanvasActions } from './use-canvas-actions.js';

export interface ShortcutHosts {
  /** Last pointer position over the canvas (screen coordinates). */
  pointer: RefObject<XY | null>;
  /** The canvas element: quick-add without a pointer opens at its centre. */
  canvas: RefObject<HTMLElement | null>;
  openImport(): void;
  exportYaml(): void;
}

export function useEditorShortcuts(hosts: ShortcutHosts): void {
  const actions = useActions();
  const canvas = useCanvasActions();
  const { screenToFlowPosition } = useReactFlow();
  useEffect(() => {
    const cursor = (): XY => {
      if (hosts.pointer.current !== null) return hosts.pointer.current;
      const box = hosts.canvas.current?.getBoundingClientRect();
      return box === undefined ? { x: 200, y: 200 } : { x: box.left + box.width / 2, y: box.top + box.height / 2 };
    };
    const run: Record<ShortcutCommand, () => unknown> = {
      undo: actions.undo,
      redo: actions.redo,
      save: actions.save,
      saveAs: actions.saveAs,
      copy: actions.copy,
      cut: actions.cut,
      paste: () => actions.paste(hosts.pointer.current === null ? undefined : screenToFlowPosition(hosts.pointer.current)),
      duplicate: actions.duplicate,
      selectAll: actions.selectAll,
      quickAdd: () => {
        const screen = cursor();
        actions.openQuickAdd({ at: screenToFlowPosition(screen), screen });
      },
      help: () => actions.setHelpOpen(true),
      layout: canvas.toggleLayout,
      fitView: actions.fitCanvas,
      snap: actions.toggleSnapToGrid,
      newWorkflow: actions.newWorkflow,
      import: hosts.openImport,
      export: hosts.exportYaml,
      escape: actions.escape,
      group: actions.groupSelection,
      ungroup: actions.ungroupSelection,
      toSubflow: actions.convertSelection,
      unpack: actions.unpackSelected,
    };
    const onKeyDown = (event: KeyboardEvent): void => {
      const command = matchShortcut(event);
      if (command === null) return;
      // A modal dialog (a question, a name) owns every key, Escape included, until it is answered.
      if (document.querySelector('dialog[open]') !== null) return;
      if (command !== 'escape' && isTypingTarget(event.target)) return;
      // Dialogs of our own (quick add, help) take their keys first.
      if (command !== 'escape' && document.querySelector('[data-editor-dialog]') !== null) return;
      event.preventDefault();
      void run[command]();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [actions, canvas, hosts, screenToFlowPosition]);
}
