// The app's open question (confirm, a name, a path to copy) and those waiting behind it; a view shows the first.
import { createStore } from 'zustand/vanilla';
import type { ConfirmQuestion, Dialogs, PathNotice, PromptQuestion } from './dialogs.js';

export type DialogRequest =
  | { kind: 'confirm'; question: ConfirmQuestion }
  | { kind: 'prompt'; question: PromptQuestion }
  | { kind: 'path'; notice: PathNotice };

/** true / false for a confirm, the text or null for a prompt, undefined once a path notice is closed. */
export type DialogAnswer = boolean | string | null | undefined;

export interface OpenDialog {
  id: number;
  request: DialogRequest;
}

export interface DialogState {
  /** The first is shown; the rest wait their turn (two actions may ask at once). */
  open: OpenDialog[];
  ask(request: DialogRequest): Promise<DialogAnswer>;
  /** Answers dialog `id`; a second answer to the same dialog (its close event after a click) is ignored. */
  answer(id: number, answer: DialogAnswer): void;
}

export function createDialogStore() {
  let nextId = 1;
  const waiting = new Map<number, (answer: DialogAnswer) => void>();
  return createStore<DialogState>()((set) => ({
    open: [],
    ask: (request) => new Promise<DialogAnswer>((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      set((state) => ({ open: [...state.open, { id, request }] }));
    }),
    answer: (id, answer) => {
      const resolve = waiting.get(id);
      if (resolve === undefined) return;
      waiting.delete(id);
      set((state) => ({ open: state.open.filter((dialog) => dialog.id !== id) }));
      resolve(answer);
    },
  }));
}

export type DialogStore = ReturnType<typeof createDialogStore>;

/** The Dialogs the actions use: each question waits in this store until the view answers it. */
export function appDialogs(store: DialogStore): Dialogs {
  return {
    confirm: (question) => store.getState().ask({ kind: 'confirm', question }).then((answer) => answer === true),
    prompt: (question) => store.getState().ask({ kind: 'prompt', question }).then((answer) => (typeof answer === 'string' ? answer : null)),
    showPath: (notice) => store.getState().ask({ kind: 'path', notice }).then(() => undefined),
  };
}
