// The bridge the page gets as window.codomyrmex: invoke and onEvents only, never ipcRenderer or its events.
import type { IpcRenderer, IpcRendererEvent } from 'electron';
import type { EventBatch, PreloadBridge, Reply } from '../../shared/ipc.js';

// Repeated from electron/main/channels.ts (the preload may not import main); a unit test keeps them equal.
export const INVOKE_CHANNEL = 'codomyrmex:invoke';
export const EVENTS_CHANNEL = 'codomyrmex:events';

export function createBridge(ipcRenderer: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>): PreloadBridge {
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
  });
}
