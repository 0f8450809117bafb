// The bridge the page gets as window.codomyrmex: invoke, onEvents and onSaveRequest only, never ipcRenderer or its events.
import type { IpcRenderer, IpcRendererEvent } from 'electron';
import type { EventBatch, PreloadBridge, Reply } from '../../shared/ipc.js';

// Repeated from electron/main/channels.ts (the preload may not import main); a unit test keeps them equal.
export const INVOKE_CHANNEL = 'codomyrmex:invoke';
export const EVENTS_CHANNEL = 'codomyrmex:events';
export const SAVE_REQUEST_CHANNEL = 'codomyrmex:save-request';
export const SAVE_RESULT_CHANNEL = 'codomyrmex:save-result';

export function createBridge(ipcRenderer: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener' | 'send'>): PreloadBridge {
  let save: (() => Promise<boolean>) | null = null;
  // Always answered, so main never waits on a page that registered no handler (it then keeps the window open).
  ipcRenderer.on(SAVE_REQUEST_CHANNEL, (_event: IpcRendererEvent, request: unknown) => {
    const requestId = (request as { requestId?: unknown } | null)?.requestId;
    if (typeof requestId !== 'string') return;
    const handler = save;
    const answer = (saved: boolean): void => ipcRenderer.send(SAVE_RESULT_CHANNEL, { requestId, saved });
    if (handler === null) return answer(false);
    Promise.resolve()
      .then(handler)
      .then((saved) => answer(saved === true), () => answer(false));
  });
  return Object.freeze({
    invoke(command: string, request: unknown): Promise<Reply> {
      return ipcRenderer.invoke(INVOKE_CHANNEL, command, request) as Promise<Reply>;
    },
    onEvents(listener: (batch: EventBatch) => void): () => void {
      if (typeof listener !== 'function') throw new TypeError('onEvents needs a function');
      // The page sees the batch only: the IpcRendererEvent carries `sender`, the raw ipcRenderer.
      const wrapped = (_event: IpcRendererEvent, batch: EventBatch): void => listener(batch);
      ipcRenderer.on(EVENTS_CHANNEL, wrapped);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        ipcRenderer.removeListener(EVENTS_CHANNEL, wrapped);
      };
    },
    onSaveRequest(handler: () => Promise<boolean>): () => void {
      if (typeof handler !== 'function') throw new TypeError('onSaveRequest needs a function');
      save = handler;
      return () => {
        if (save === handler) save = null;
      };
    },
  });
}
