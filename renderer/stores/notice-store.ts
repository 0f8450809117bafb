// Errors the user should see: each a dismissible notice, so a failed command never leaves a blank screen.
import { createStore } from 'zustand/vanilla';
import type { Problem } from '../../shared/errors.js';

export interface Notice {
  id: number;
  message: string;
  code: string;
  problems: Problem[];
}

export interface NoticeState {
  notices: Notice[];
  report(notice: Omit<Notice, 'id'>): void;
  dismiss(id: number): void;
}

/** Older notices drop off so a storm of failures cannot bury the page. */
const MAX_NOTICES = 5;

export function createNoticeStore() {
  let nextId = 1;
  return createStore<NoticeState>()((set) => ({
    notices: [],
    report: (notice) => set((state) => {
      // The same message again (a reconnect loop, a double click) is not a new notice.
      if (state.notices.some((existing) => existing.message === notice.message)) return state;
      return { notices: [...state.notices, { ...notice, id: nextId++ }].slice(-MAX_NOTICES) };
    }),
    dismiss: (id) => set((state) => ({ notices: state.notices.filter((notice) => notice.id !== id) })),
  }));
}

export type NoticeStore = ReturnType<typeof createNoticeStore>;
