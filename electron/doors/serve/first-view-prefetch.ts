// Browser mode's head start on the first view: the dashboard is read as the app's page is asked for, and goes out at
// the end of that page (static-files.ts), so the app draws its cards from its first render without waiting for its
// WebSocket to open and a request to come back. The page's own first request (main.tsx still asks, to be sure of
// anything that changed meanwhile) is answered with the same read — unless anything the dashboard shows has changed
// since, when it reads afresh.
import type { Reply } from '../../../shared/ipc.js';
import type { EngineApi } from '../../engine/api.js';
import type { EventBus } from '../../engine/event-bus.js';

/** The first view's request, as main.tsx sends it. */
const COMMAND = 'projects.dashboard';
/** What the dashboard shows changes with these (a run's state, a project's, a workflow file): each makes a read stale. */
const CHANGES = ['execution.updated', 'project.updated', 'workflow.changed'] as const;
/** A read older than this (a page that never connected, or connected late) is not used: the request reads afresh. */
const MAX_AGE_MS = 5000;

export interface FirstViewPrefetch {
  /** The app's page is going out: the dashboard read for it (the page's end carries it; its first request takes it). */
  pageServed(): Promise<Reply>;
  /** The read for this request if it is still current (then it is used up), else null. */
  take(command: string, request: unknown): Promise<Reply> | null;
  close(): void;
}

export function createFirstViewPrefetch(api: EngineApi, events: Pick<EventBus, 'on'>, now: () => number = Date.now): FirstViewPrefetch {
  let read: { reply: Promise<Reply>; at: number } | null = null;
  const off = events.on(() => {
    read = null;
  }, CHANGES);
  const current = (): boolean => read !== null && now() - read.at <= MAX_AGE_MS;
  return {
    pageServed() {
      if (!current()) read = { reply: api.dispatch(COMMAND, {}), at: now() };
      return read!.reply;
    },
    take(command, request) {
      if (command !== COMMAND || !isEmptyRequest(request)) return null;
      const taken = current() ? read : null;
      read = null;
      return taken?.reply ?? null;
    },
    close() {
      off();
      read = null;
    },
  };
}

/** The page's own first request carries no options (`{}`); any other asks for something the read did not. */
function isEmptyRequest(request: unknown): boolean {
  return typeof request === 'object' && request !== null && !Array.isArray(request) && Object.keys(request).length === 0;
}
