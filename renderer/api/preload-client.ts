// Wraps Electron's preload bridge (`window.codomyrmex`) into the typed client: replies with ok:false become ApiErrors.
import type { Command, PreloadBridge, RequestOf, ResponseOf } from '../../shared/ipc.js';
import { ApiError } from './api-error.js';
import type { RendererClient } from './client.js';

export function createPreloadClient(bridge: PreloadBridge): RendererClient {
  return {
    connection: 'open',
    async invoke<C extends Command>(command: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
      const reply = await bridge.invoke(command, request);
      if (!reply.ok) throw ApiError.from(reply.error);
      return reply.value as ResponseOf<C>;
    },
    onEvents: (listener) => bridge.onEvents(listener),
    onSaveRequest: (save) => bridge.onSaveRequest(save),
    // IPC inside one process never drops, so there is nothing to report.
    onConnection: () => () => {},
  };
}
