// Serves the built renderer (dist/renderer) to browser mode: files inside that folder only, with strict headers.
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIRST_VIEW_ID } from '../../../shared/dashboard.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/** The same policy Electron sets, widened only to our own WebSocket. */
export function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers on every response: no framing, no sniffing, and no Referer that would carry the token elsewhere. */
export function securityHeaders(port: number): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(port),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

/** Finds dist/renderer from wherever the CLI's bundle was loaded (dist/cli/… in the repo or an installed package). */
export function findRendererDir(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.CODOMYRMEX_RENDERER_DIR) return existsSync(join(env.CODOMYRMEX_RENDERER_DIR, 'index.html')) ? resolve(env.CODOMYRMEX_RENDERER_DIR) : null;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    for (const candidate of [join(dir, 'renderer'), join(dir, 'dist', 'renderer')]) {
      if (existsSync(join(candidate, 'index.html'))) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/**
 * Writes the file for `pathname` (index.html for `/` and for unknown routes of the single-page app); false if none.
 * `firstView`: data for the app's page to carry (see writeShell).
 */
export function serveStatic(root: string, pathname: string, response: ServerResponse, headers: Record<string, string>, head: boolean, firstView?: () => Promise<unknown>): boolean {
  let relative: string;
  try {
    relative = decodeURIComponent(pathname);
  } catch {
    return false;
  }
  const file = resolve(root, `.${normalize(relative === '/' ? '/index.html' : relative)}`);
  if (file !== root && !file.startsWith(root + sep)) return false;
  const isFile = existsSync(file) && statSync(file).isFile();
  // Paths with an extension are assets: a missing one is a 404, not the app shell.
  if (!isFile && extname(file) !== '') return false;
  const target = isFile ? file : join(root, 'index.html');
  const type = TYPES[extname(target)] ?? 'application/octet-stream';
  // Vite names assets by content hash, so they may be cached; the shell must always be fresh.
  const immutable = target.includes(`${sep}assets${sep}`);
  const body = immutable ? assetBytes(target) : readFileSync(target);
  if (firstView !== undefined && !head && target === join(root, 'index.html')) {
    writeShell(body, response, { ...headers, 'Content-Type': type, 'Cache-Control': 'no-store' }, firstView);
    return true;
  }
  response.writeHead(200, { ...headers, 'Content-Type': type, 'Content-Length': body.length, 'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-store' });
  response.end(head ? undefined : body);
  return true;
}

/**
 * The app's page with its first view's data: all but its end goes out at once (the browser draws the frame and asks
 * for the scripts), the data is read once that is on its way, and the page ends with it as a JSON block (inert: the
 * policy runs no inline script, and `<` is escaped so no text in it can close the block). The page's scripts run only
 * once the page has ended, so they find it there. A failed read ends the page without it: the app asks as before.
 */
function writeShell(body: Buffer, response: ServerResponse, headers: Record<string, string | number>, firstView: () => Promise<unknown>): void {
  const end = body.lastIndexOf('</body>');
  if (end === -1) {
    response.writeHead(200, { ...headers, 'Content-Length': body.length });
    response.end(body);
    return;
  }
  response.writeHead(200, headers);
  response.write(body.subarray(0, end));
  // After this task: the page's start is written to the socket before the read holds the event loop.
  setImmediate(() => {
    firstView().then(
      (data) => response.end(Buffer.concat([Buffer.from(`<script type="application/json" id="${FIRST_VIEW_ID}">${JSON.stringify(data).replace(/</g, '\\u003c')}</script>`), body.subarray(end)])),
      () => response.end(body.subarray(end)),
    );
  });
}

/**
 * Assets never change under their hashed names: each is read once and written whole in one call after that, so a page's
 * start-up files go out at once even while the engine is busy answering its first request (a stream would wait for
 * the event loop between its chunks).
 */
const assets = new Map<string, Buffer>();
function assetBytes(file: string): Buffer {
  let bytes = assets.get(file);
  if (bytes === undefined) {
    bytes = readFileSync(file);
    assets.set(file, bytes);
  }
  return bytes;
}
