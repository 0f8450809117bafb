// Undo and redo over whole-workflow snapshots: edits share unchanged steps, so a snapshot costs one array.
// Bounded; edits of one field while typing (or one drag) coalesce into one entry.

export interface UndoEntry<T> {
  /** The state before the edit. */
  state: T;
  label: string;
  /** Edits with the same key, close together, are one entry (typing into one field). */
  key: string | null;
  at: number;
}

export interface UndoHistory<T> {
  past: readonly UndoEntry<T>[];
  future: readonly UndoEntry<T>[];
}

export const UNDO_LIMIT = 200;
/** Typing pauses shorter than this stay in one undo entry. */
export const COALESCE_MS = 1500;

export const emptyUndoHistory = <T>(): UndoHistory<T> => ({ past: [], future: [] });

/** Records that `before` was replaced by an edit; a new edit always clears redo. */
export function record<T>(history: UndoHistory<T>, before: T, label: string, key: string | null, now: number): UndoHistory<T> {
  const last = history.past[history.past.length - 1];
  if (key !== null && last !== undefined && last.key === key && now - last.at < COALESCE_MS && history.future.length === 0) {
    // Keep the oldest state of the run of edits; only the time moves on.
    return { past: [...history.past.slice(0, -1), { ...last, at: now }], future: [] };
  }
  const past = [...history.past, { state: before, label, key, at: now }];
  return { past: past.length > UNDO_LIMIT ? past.slice(past.length - UNDO_LIMIT) : past, future: [] };
}

/** Steps back: the state to show and the history with `current` available to redo; null when there is nothing to undo. */
export function undo<T>(history: UndoHistory<T>, current: T): { state: T; history: UndoHistory<T>; label: string } | null {
  const last = history.past[history.past.length - 1];
  if (last === undefined) return null;
  return {
    state: last.state,
    label: last.label,
    history: { past: history.past.slice(0, -1), future: [...history.future, { ...last, state: current, key: null }] },
  };
}

export function redo<T>(history: UndoHistory<T>, current: T): { state: T; history: UndoHistory<T>; label: string } | null {
  const next = history.future[history.future.length - 1];
  if (next === undefined) return null;
  return {
    state: next.state,
    label: next.label,
    history: { past: [...history.past, { ...next, state: current, key: null }], future: history.future.slice(0, -1) },
  };
}
