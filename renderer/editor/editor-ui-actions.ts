// Actions over the editor's UI state: quick add, help, grid, minimap, the palette search, focusing a step, fitting.
import type { XY } from './graph-edits.js';
import { revealStep } from './group-edits.js';
import type { Stores } from '../app/stores.js';

export function createEditorUiActions(stores: Stores) {
  const { graph, editor } = stores;
  return {
    openQuickAdd: (quickAdd: { at: XY; screen: XY } | null) => editor.getState().openQuickAdd(quickAdd),
    setHelpOpen: (open: boolean) => editor.getState().setHelpOpen(open),
    toggleSnapToGrid: () => editor.getState().toggleSnapToGrid(),
    setPaletteQuery: (query: string) => editor.getState().setPaletteQuery(query),
    setMinimap: (shown: boolean) => editor.getState().setMinimap(shown),
    /** Asks the canvas to fit the workflow in view, with its own rules (readable zoom, clear of the minimap). */
    fitCanvas: () => editor.getState().requestFit(),
    /** Selects a step and asks the canvas to centre on it (a click on one of its problems). */
    focusStep: (step: string) => {
      // A step inside a collapsed group is not on the canvas: its group opens (an undoable edit) to show it.
      graph.getState().edit('expand group', (workflow) => revealStep(workflow, step));
      graph.getState().select([step]);
      editor.getState().requestFocus(step);
    },
    escape: () => {
      const state = editor.getState();
      if (state.quickAdd !== null) return state.openQuickAdd(null);
      if (state.helpOpen) return state.setHelpOpen(false);
      graph.getState().select([]);
    },
  };
}
