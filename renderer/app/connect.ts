// Wires a client to the stores: event batches into the stores, connection state into the frame, a refresh after a
// reconnect, the start-up requests (see start-up.ts), live validation, the bench hook, and a notice for any rejection
// nothing else caught.
import type { RendererClient } from '../api/client.js';
import { toApiError } from '../api/api-error.js';
import type { Actions } from './create-actions.js';
import { applyEventBatch } from './apply-event-batch.js';
import { selectDirty } from '../editor/graph-store.js';
import type { Stores } from './stores.js';
import { createBenchHook } from './bench-hook.js';
import { browserNotifier } from './browser-notifier.js';
import { bindDocumentTitle } from './document-title.js';
import { bindRunNotifications } from './run-notifier.js';
import { startUp } from './start-up.js';

const nextFrame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => resolve()));

export function connect(client: RendererClient, stores: Stores, actions: Actions): () => void {
  const offEvents = client.onEvents((batch) => {
    applyEventBatch(stores, batch);
    for (const event of batch.events) if (event.type === 'workflow.changed') void actions.onDiskChange(event);
  });
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
  // The browser's own prompt before a reload or close loses unsaved edits.
  const onBeforeUnload = (event: BeforeUnloadEvent): void => {
    if (selectDirty(stores.graph.getState())) event.preventDefault();
  };
  window.addEventListener('unhandledrejection', onRejection);
  window.addEventListener('beforeunload', onBeforeUnload);
  // In the desktop app, the close prompt's "Save" (Electron shows no prompt of its own) runs the editor's save.
  const offSaveRequests = client.onSaveRequest?.(() => actions.save()) ?? (() => {});
  const offValidation = actions.watchGraph();
  const offTitle = bindDocumentTitle(stores.graph, stores.runs);
  const offNotifications = bindRunNotifications(stores, browserNotifier);
  window.__codomyrmexBench = createBenchHook(client, stores, nextFrame);
  const offStartUp = startUp(stores, actions);
  return () => {
    offEvents();
    offConnection();
    offValidation();
    offTitle();
    offNotifications();
    offStartUp();
    offSaveRequests();
    window.removeEventListener('unhandledrejection', onRejection);
    window.removeEventListener('beforeunload', onBeforeUnload);
  };
}
