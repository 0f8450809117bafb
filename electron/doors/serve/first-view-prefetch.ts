// Browser mode's head start on the first view: once the page and its scripts have gone out, the page's first request —
// the dashboard — is still some 100–300 ms away (the browser compiles and runs the scripts first), so the server reads
// the dashboard in that gap, while it has nothing else to do, and answers the page's request with that read — unless
// anything the dashboard shows has changed since.
import type { Reply } from '../../../shared/ipc.js';
import type { EngineApi } from '../../engine/api.js';
import type { EventBus } from '../../engine/event-bus.js';

/** The first view's request, as main.tsx sends it. */
const COMMAND = 'projects.dashboard';
/** What the dashboard shows changes with these (a run's state, a project's, a workflow file): each makes a read stale. */
const CHANGES = ['execution.updated', 'project.updated', 'workflow.changed'] as const;
/** A read older than this (a page that never connected, or connected late) is not used: the request reads afresh. */
const MAX_AGE_MS = 5000;
/**
 * The read waits for the page's scripts to be asked for and then for this long without another asset request: they
 * come in one burst some 20–50 ms after the page, and a read (tens of ms, synchronous; far longer when the machine is
 * busy) begun before or amid it held them all up (traced: the scripts' responses 80 → 120–400 ms).
 */
const QUIET_MS = 15;

export interface FirstViewPrefetch {
  /** The app's page went out: read once its scripts have (see QUIET_MS). */
  pageServed(): void;
  /** One of the page's assets went out. */
  assetServed(): void;
  /** The read for this request if it is still current (then it is used up), else null. */
  take(command: string, request: unknown): Promise<Reply> | null;
  close(): void;
}

export function createFirstViewPrefetch(api: EngineApi, events: Pick<EventBus, 'on'>, now: () => number = Date.now): FirstViewPrefetch {
  let read: { reply: Promise<Reply>; at: number } | null = null;
  // A page went out and its assets are being asked for: the read follows the last of them.
  let armed = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const off = events.on(() => {
    read = null;
  }, CHANGES);
  const current = (): boolean => read !== null && now() - read.at <= MAX_AGE_MS;
  const disarm = (): void => {
    armed = false;
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  return {
    pageServed() {
      armed = true;
    },
    assetServed() {
      if (!armed) return;
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => {
        disarm();
        if (!current()) read = { reply: api.dispatch(COMMAND, {}), at: now() };
      }, QUIET_MS);
      timer.unref();
    },
    take(command, request) {
      if (command !== COMMAND || !isEmptyRequest(request)) return null;
      // Asked before the read began: this request does its own read.
      disarm();
      const taken = current() ? read : null;
      read = null;
      return taken?.reply ?? null;
    },
    close() {
      off();
      disarm();
      read = null;
    },
  };
}

/** The page's own first request carries no options (`{}`); any other asks for something the read did not. */
function isEmptyRequest(request: unknown): boolean {
  return typeof request === 'object' && request !== null && !Array.isArray(request) && Object.keys(request).length === 0;
}
