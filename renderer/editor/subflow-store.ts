// The way the editor went into subflows: each parent as it was left (its graph, undo history, selection and view), so
// the breadcrumb goes back to it as it was, unsaved edits included; and the view to put back once its canvas mounts.
import type { Viewport } from '@xyflow/react';
import { createStore } from 'zustand/vanilla';
import type { Workflow } from '../../shared/model.js';
import type { OpenDocument } from './graph-store.js';
import type { UndoHistory } from './undo-history.js';

export interface SubflowLevel {
  document: OpenDocument;
  workflow: Workflow;
  saved: Workflow | null;
  history: UndoHistory<Workflow>;
  selectedSteps: readonly string[];
  selectedStep: string | null;
  viewport: Viewport | null;
  /** The subflow step opened from this level, and the child workflow it runs. */
  step: string;
  child: string;
}

export interface SubflowState {
  trail: readonly SubflowLevel[];
  /** A parent's view to restore when its canvas mounts again; taken once. */
  viewport: Viewport | null;
  enter(level: SubflowLevel): void;
  /** Drops the levels from `index` on and returns the one at `index` (where the editor goes back to). */
  leave(index: number): SubflowLevel | undefined;
  clear(): void;
  takeViewport(): Viewport | null;
}

export function createSubflowStore() {
  return createStore<SubflowState>()((set, get) => ({
    trail: [],
    viewport: null,
    enter: (level) => set({ trail: [...get().trail, level] }),
    leave: (index) => {
      const level = get().trail[index];
      if (level !== undefined) set({ trail: get().trail.slice(0, index), viewport: level.viewport });
      return level;
    },
    clear: () => set({ trail: [], viewport: null }),
    takeViewport: () => {
      const { viewport } = get();
      if (viewport !== null) set({ viewport: null });
      return viewport;
    },
  }));
}

export type SubflowStore = ReturnType<typeof createSubflowStore>;

/** The trail while it leads to the workflow shown; empty once the user opened some other workflow another way. */
export function trailTo(trail: readonly SubflowLevel[], shown: OpenDocument | null): readonly SubflowLevel[] {
  const last = trail[trail.length - 1];
  if (last === undefined || shown === null) return [];
  return last.child === shown.name && last.document.projectId === shown.projectId ? trail : [];
}
