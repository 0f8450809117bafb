// Browser mode's server: the renderer over HTTP and the contract over a WebSocket, on 127.0.0.1 behind a token.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer } from 'ws';
import type { ProjectCard } from '../../../shared/dashboard.js';
import type { EngineApi } from '../../engine/api.js';
import type { EventBus } from '../../engine/event-bus.js';
import { createAccessGuard, type AccessGuard } from './access-guard.js';
import { createFirstViewPrefetch, type FirstViewPrefetch } from './first-view-prefetch.js';
import { firstViewRenderer, type FirstViewRenderer } from './first-view-render.js';
import { securityHeaders, serveStatic, type FirstViewContent } from './static-files.js';
import { bindSocket } from './ws-bridge.js';

export interface BrowserServerOptions {
  api: EngineApi;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** 0 picks a free port. */
  port: number;
  token?: string;
  /** The engine's events: with them, a page's first request is read while the page loads (first-view-prefetch.ts). */
  events?: Pick<EventBus, 'on'>;
}

export interface BrowserServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** Contract frames are small; a bigger one is a mistake or an attack. */
const MAX_FRAME_BYTES = 4 * 1024 * 1024;

export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const server = createServer();
  // Loopback only: another machine, or a page served elsewhere, must never reach a server that runs commands.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const guard = createAccessGuard(port, options.token);
  const headers = securityHeaders(port);
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const prefetch = options.events === undefined ? null : createFirstViewPrefetch(options.api, options.events);
  const renderer = prefetch === null ? null : firstViewRenderer(options.rendererDir);
  sockets.on('connection', (socket) => bindSocket(socket, options.api, prefetch));

  server.on('request', (request, response) => {
    renderer?.busy();
    handleHttp(request, response, guard, headers, options.rendererDir, prefetch, renderer);
  });
  server.on('upgrade', (request, socket, head) => {
    const verdict = guard.check(request);
    const path = new URL(request.url ?? '/', 'http://loopback').pathname;
    if (!verdict.ok || path !== '/ws') {
      refuseUpgrade(socket as Socket, verdict.ok ? 404 : verdict.status);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws, request));
  });

  return {
    url: `http://127.0.0.1:${port}/?token=${guard.token}`,
    port,
    token: guard.token,
    close: () => {
      prefetch?.close();
      renderer?.close();
      return closeServer(server, sockets);
    },
  };
}

function handleHttp(request: IncomingMessage, response: ServerResponse, guard: AccessGuard, headers: Record<string, string>, rendererDir: string, prefetch: FirstViewPrefetch | null, renderer: FirstViewRenderer | null): void {
  const verdict = guard.check(request);
  if (!verdict.ok) {
    respond(response, verdict.status, headers, verdict.status === 401 ? 'Unauthorized: open the URL that `codomyrmex serve` printed (it carries the token).' : `Forbidden: ${verdict.reason}.`);
    return;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    respond(response, 405, { ...headers, Allow: 'GET, HEAD' }, 'Method not allowed.');
    return;
  }
  // A page opened with the token keeps it in an HttpOnly cookie, so its assets, its WebSocket and a reload need no URL.
  const withCookie = verdict.viaQuery ? { ...headers, 'Set-Cookie': `${guard.cookieName}=${guard.token}; HttpOnly; SameSite=Strict; Path=/` } : headers;
  const pathname = new URL(request.url ?? '/', 'http://loopback').pathname;
  // The app's page carries the dashboard, read as it goes out (first-view-prefetch.ts), drawn by the server's render of
  // the app (first-view-render.ts) and as data for the app: a failed read leaves both out.
  const firstView: FirstViewContent | undefined = prefetch === null ? undefined : {
    read: async () => {
      const reply = await prefetch.pageServed();
      if (!reply.ok) throw new Error(reply.error.message);
      return reply.value;
    },
    ...(renderer === null ? {} : { render: (cards: unknown, json: string) => (Array.isArray(cards) ? renderer.render(cards as ProjectCard[], json) : null) }),
  };
  if (!serveStatic(rendererDir, pathname, response, withCookie, request.method === 'HEAD', firstView)) respond(response, 404, headers, 'Not found.');
}

function respond(response: ServerResponse, status: number, headers: Record<string, string>, text: string): void {
  response.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(`${text}\n`);
}

function refuseUpgrade(socket: Socket, status: number): void {
  const text = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' }[status] ?? 'Bad Request';
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

async function closeServer(server: Server, sockets: WebSocketServer): Promise<void> {
  for (const client of sockets.clients) client.terminate();
  await new Promise<void>((resolve) => sockets.close(() => resolve()));
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
