// Picks the door: Electron's preload bridge when the page has one, else browser mode's WebSocket.
import type { PreloadBridge } from '../../shared/ipc.js';
import type { RendererClient } from './client.js';
import { readToken, webSocketUrl } from './connection-url.js';
import { createPreloadClient } from './preload-client.js';
import { WsClient } from './ws-client.js';

declare global {
  interface Window {
    codomyrmex?: PreloadBridge;
  }
}

export function createClient(): RendererClient {
  if (window.codomyrmex !== undefined) return createPreloadClient(window.codomyrmex);
  let storage: Storage | null = null;
  try {
    storage = window.sessionStorage;
  } catch {
    storage = null;
  }
  const token = readToken(window.location, storage);
  return new WsClient({ url: webSocketUrl(window.location, token) });
}
