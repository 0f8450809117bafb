// What the user should be told: information that goes away by itself after a few seconds, and errors that stay until
// closed, kept as one stack (the same error again counts up instead of piling on).
import { createStore } from 'zustand/vanilla';
import type { Problem } from '../../shared/errors.js';
import type { EngineNotice } from '../../shared/events.js';

export interface Notice {
  id: number;
  message: string;
  code: string;
  problems: Problem[];
  /** How many times this message was reported while shown. */
  count: number;
  /** The engine notice this shows (EngineNotice.id), so a later one that resolves it can take it away. */
  source?: string;
  /** A command the notice offers ("Delete part…"); a notice with one stays until used or closed, info or not. */
  action?: { label: string; run(): unknown };
}

export interface NoticeState {
  notices: Notice[];
  report(notice: Omit<Notice, 'id' | 'count'>): void;
  dismiss(id: number): void;
  /** Closes every error at once (the stack's "Dismiss all"). */
  dismissErrors(): void;
  /** Shows the engine's notices (storage faults, a database moved aside, broken settings); `resolves` ends an earlier one. */
  fromEngine(notices: readonly { notice: EngineNotice; resolves?: string }[]): void;
}

/** Long enough to read a sentence, short enough not to linger over the work. */
export const INFO_NOTICE_MS = 5_000;
/** Older errors drop off the bottom of the stack so a storm of failures cannot grow it without end. */
const MAX_ERRORS = 20;
const MAX_INFOS = 3;

export const isError = (notice: Pick<Notice, 'code'>): boolean => notice.code !== 'info';

export function createNoticeStore(infoMs = INFO_NOTICE_MS) {
  let nextId = 1;
  const timers = new Map<number, ReturnType<typeof setTimeout>>();
  const forget = (id: number): void => {
    clearTimeout(timers.get(id));
    timers.delete(id);
  };
  return createStore<NoticeState>()((set, get) => {
    const expireLater = (id: number): void => {
      forget(id);
      timers.set(id, setTimeout(() => get().dismiss(id), infoMs));
    };
    return {
      notices: [],
      report: (notice) => {
        const existing = get().notices.find((shown) => shown.message === notice.message && shown.code === notice.code);
        if (existing !== undefined) {
          // A reconnect loop or a double click: one entry, counted, and an info's few seconds start again.
          set((state) => ({ notices: state.notices.map((shown) => (shown === existing ? { ...shown, count: shown.count + 1 } : shown)) }));
          if (!isError(existing) && existing.action === undefined) expireLater(existing.id);
          return;
        }
        const added: Notice = { ...notice, id: nextId++, count: 1 };
        const next = [...get().notices, added];
        const kept = new Set([...next.filter(isError).slice(-MAX_ERRORS), ...next.filter((shown) => !isError(shown)).slice(-MAX_INFOS)]);
        for (const dropped of next.filter((shown) => !kept.has(shown))) forget(dropped.id);
        set({ notices: next.filter((shown) => kept.has(shown)) });
        if (!isError(added) && added.action === undefined) expireLater(added.id);
      },
      dismiss: (id) => {
        forget(id);
        set((state) => ({ notices: state.notices.filter((notice) => notice.id !== id) }));
      },
      dismissErrors: () => set((state) => ({ notices: state.notices.filter((notice) => !isError(notice)) })),
      fromEngine: (incoming) => {
        for (const { notice, resolves } of incoming) {
          if (resolves !== undefined) for (const shown of get().notices.filter((n) => n.source === resolves)) get().dismiss(shown.id);
          // The same notice again (app.info after a reconnect) is the one already shown.
          if (get().notices.some((shown) => shown.source === notice.id)) continue;
          get().report({ message: notice.message, code: notice.level, problems: [], source: notice.id });
        }
      },
    };
  });
}

export type NoticeStore = ReturnType<typeof createNoticeStore>;
