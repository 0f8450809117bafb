// Wires a client to the stores: event batches into the stores, connection state into the frame, a refresh after a
// reconnect, the bench hook, and a notice for any rejection nothing else caught.
import type { RendererClient } from '../api/client.js';
import { toApiError } from '../api/api-error.js';
import type { Actions } from '../actions/create-actions.js';
import { applyEventBatch } from '../stores/apply-event-batch.js';
import type { Stores } from '../stores/stores.js';
import { createBenchHook } from './bench-hook.js';

const nextFrame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => resolve()));

export function connect(client: RendererClient, stores: Stores, actions: Actions): () => void {
  const offEvents = client.onEvents((batch) => applyEventBatch(stores, batch));
  stores.app.getState().setConnection(client.connection);
  let dropped = false;
  const offConnection = client.onConnection((state) => {
    stores.app.getState().setConnection(state);
    if (state === 'reconnecting') dropped = true;
    if (state === 'open' && dropped) {
      dropped = false;
      void actions.refresh();
    }
  });
  const onRejection = (event: PromiseRejectionEvent): void => {
    const failure = toApiError(event.reason);
    stores.notices.getState().report({ message: failure.message, code: failure.code, problems: failure.problems });
  };
  window.addEventListener('unhandledrejection', onRejection);
  window.__codomyrmexBench = createBenchHook(client, stores, nextFrame);
  void actions.loadProjects();
  return () => {
    offEvents();
    offConnection();
    window.removeEventListener('unhandledrejection', onRejection);
  };
}
