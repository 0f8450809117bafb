// Start-up's head start: the first view's data is asked for as soon as the page has a client, before the app's own code
// has loaded and run, so the engine answers while the browser compiles it; the app's first ask for the same thing takes
// that reply. Event batches that arrive before the app listens are held for its first listener, so none is missed.
import type { Command, EventBatch, RequestOf, ResponseOf } from '../../shared/ipc.js';
import type { RendererClient } from './client.js';

/** `onReply` hears the reply as soon as it comes, so the app can draw with it from its very first render. */
export function startEarly<C extends Command>(client: RendererClient, command: C, request: RequestOf<C>, onReply: (value: ResponseOf<C>) => void = () => {}): RendererClient {
  let early: Promise<unknown> | null = client.invoke(command, request);
  // Handled where the app takes it; a failure before then must not count as unhandled.
  early.then((value) => onReply(value as ResponseOf<C>), () => undefined);
  const key = JSON.stringify(request);
  let held: EventBatch[] | null = [];
  const listeners = new Set<(batch: EventBatch) => void>();
  client.onEvents((batch) => {
    if (held !== null) held.push(batch);
    else for (const listener of listeners) listener(batch);
  });
  const wrapped: RendererClient = {
    get connection() {
      return client.connection;
    },
    onConnection: (listener) => client.onConnection(listener),
    invoke: (asked, asking) => {
      if (early !== null && (asked as Command) === command && JSON.stringify(asking) === key) {
        const reply = early;
        early = null;
        return reply as ReturnType<RendererClient['invoke']>;
      }
      return client.invoke(asked, asking);
    },
    onEvents: (listener) => {
      listeners.add(listener);
      if (held !== null) {
        const batches = held;
        held = null;
        for (const batch of batches) listener(batch);
      }
      return () => listeners.delete(listener);
    },
  };
  if (client.onSaveRequest !== undefined) wrapped.onSaveRequest = (save) => client.onSaveRequest!(save);
  return wrapped;
}
