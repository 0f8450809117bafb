// The editor's UI state, apart from the graph: the action palette, dialogs, the clipboard, grid and a conflict with disk.
import { createStore } from 'zustand/vanilla';
import type { ActionInfo, EditorContext } from '../../shared/ipc.js';
import type { ClipboardContent } from './clipboard.js';
import type { XY } from './graph-edits.js';

/** The file changed on disk while the editor held unsaved changes (or a save was refused as a conflict). */
export interface DiskConflict {
  projectId: string;
  name: string;
  revision: string | null;
}

export interface EditorState {
  actions: ActionInfo[];
  context: EditorContext | null;
  paletteQuery: string;
  /** Quick-add is open: where the step will go on the canvas, and where the menu shows on screen. */
  quickAdd: { at: XY; screen: XY } | null;
  helpOpen: boolean;
  snapToGrid: boolean;
  clipboard: ClipboardContent | null;
  conflict: DiskConflict | null;
  /** A step the canvas should centre on next (from the problems panel). */
  focusRequest: { step: string; seq: number } | null;
  /** The last request to fit the workflow in view (the Fit button, F, an auto-layout — `whole`); the canvas answers each. */
  fitRequest: { seq: number; whole: boolean };
  /** Steps just put on the canvas (an unpacked subflow) that the canvas should bring into view, when they are not. */
  revealRequest: { steps: readonly string[]; seq: number } | null;
  /** The user's choice to show the minimap; null until they make one (then the canvas decides by size). */
  minimap: boolean | null;
  setCatalog(actions: ActionInfo[], context: EditorContext): void;
  setPaletteQuery(query: string): void;
  openQuickAdd(quickAdd: { at: XY; screen: XY } | null): void;
  setHelpOpen(open: boolean): void;
  toggleSnapToGrid(): void;
  setClipboard(content: ClipboardContent): void;
  setConflict(conflict: DiskConflict | null): void;
  requestFocus(step: string): void;
  requestFit(whole?: boolean): void;
  requestReveal(steps: readonly string[]): void;
  setMinimap(shown: boolean): void;
}

export function createEditorStore() {
  return createStore<EditorState>()((set, get) => ({
    actions: [],
    context: null,
    paletteQuery: '',
    quickAdd: null,
    helpOpen: false,
    snapToGrid: false,
    clipboard: null,
    conflict: null,
    focusRequest: null,
    fitRequest: { seq: 0, whole: false },
    revealRequest: null,
    minimap: null,
    setCatalog: (actions, context) => set({ actions, context }),
    setPaletteQuery: (paletteQuery) => set({ paletteQuery }),
    openQuickAdd: (quickAdd) => set({ quickAdd }),
    setHelpOpen: (helpOpen) => set({ helpOpen }),
    toggleSnapToGrid: () => set({ snapToGrid: !get().snapToGrid }),
    setClipboard: (clipboard) => set({ clipboard }),
    setConflict: (conflict) => set({ conflict }),
    requestFocus: (step) => set({ focusRequest: { step, seq: (get().focusRequest?.seq ?? 0) + 1 } }),
    requestFit: (whole = false) => set({ fitRequest: { seq: get().fitRequest.seq + 1, whole } }),
    requestReveal: (steps) => set({ revealRequest: { steps, seq: (get().revealRequest?.seq ?? 0) + 1 } }),
    setMinimap: (minimap) => set({ minimap }),
  }));
}

export type EditorStore = ReturnType<typeof createEditorStore>;

/** The palette's actions matching a search, by module, action or description. */
export function filterActions(actions: readonly ActionInfo[], query: string): ActionInfo[] {
  const words = query.toLowerCase().split(/\s+/).filter((word) => word !== '');
  if (words.length === 0) return [...actions];
  return actions.filter((info) => {
    const text = `${info.module}.${info.action} ${info.module} ${info.action} ${info.description}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}
