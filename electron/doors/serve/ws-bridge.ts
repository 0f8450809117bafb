// Binds one browser-mode WebSocket to the engine's contract: requests in, replies and event batches out.
import type { WebSocket } from 'ws';
import type { Reply, WsClientMessage, WsServerMessage } from '../../../shared/ipc.js';
import type { EngineApi } from '../../engine/api.js';
import type { FirstViewPrefetch } from './first-view-prefetch.js';

/** A socket that falls this far behind (bytes queued) is sent no more events until it drains: the page re-reads state. */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;
/** The longest the workflow files' watch waits for the page's first request to be answered. */
const WATCH_FILES_AFTER_MS = 1000;

/** `prefetch`: the first view's read begun as the page loaded, used for the page's request when still current. */
export function bindSocket(socket: WebSocket, api: EngineApi, prefetch: FirstViewPrefetch | null = null): void {
  const send = (message: WsServerMessage): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  // The page's first request is its first view's data (the dashboard): the workflow files are watched once it is
  // answered (or after a moment), not while it waits — starting reads every project's files (~30–80 ms for 50).
  let answered = (): void => {};
  const firstReply = new Promise<void>((resolve) => {
    answered = resolve;
    setTimeout(resolve, WATCH_FILES_AFTER_MS).unref();
  });
  const subscription = api.subscribe((batch) => {
    if (socket.bufferedAmount < MAX_BUFFERED_BYTES) send({ events: batch.events });
  }, undefined, firstReply);
  socket.on('message', (data, isBinary) => {
    // One request per turn of the event loop: frames that arrive together are emitted in one go, and a quick reply
    // (app.info) must not wait behind a slow request that came in the same packet (a dashboard over 100,000 runs).
    setImmediate(() => {
      const parsed = isBinary ? null : parseMessage(String(data));
      if (parsed === null || 'error' in parsed) {
        send({ id: -1, reply: invalid(parsed?.error ?? 'binary frames are not part of the contract') });
        return;
      }
      void (prefetch?.take(parsed.command, parsed.request) ?? api.dispatch(parsed.command, parsed.request)).then((reply) => {
        send({ id: parsed.id, reply });
        setImmediate(answered);
      });
    });
  });
  socket.on('close', () => subscription.close());
  socket.on('error', () => subscription.close());
}

/** A frame as the contract defines it, or why it is not one. */
export function parseMessage(text: string): WsClientMessage | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { error: 'frame is not JSON' };
  }
  if (typeof value !== 'object' || value === null) return { error: 'frame is not an object' };
  const { id, command, request } = value as Record<string, unknown>;
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) return { error: 'frame.id must be an integer' };
  if (typeof command !== 'string') return { error: 'frame.command must be a string' };
  return { id, command, request };
}

function invalid(message: string): Reply {
  return { ok: false, error: { code: 'invalid-request', message } };
}
