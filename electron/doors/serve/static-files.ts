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

/** What the app's page carries of its first view (see writeShell). */
export interface FirstViewContent {
  /** The first view's data: the dashboard's cards. */
  read(): Promise<unknown>;
  /** The app's markup for the page's frame with that data (`json`: the same, as JSON), or null for the plain frame. */
  render?(data: unknown, json: string): string | null;
}

/**
 * Writes the file for `pathname` (index.html for `/` and for unknown routes of the single-page app); false if none.
 * `firstView`: what the app's page carries (see writeShell).
 */
export function serveStatic(root: string, pathname: string, response: ServerResponse, headers: Record<string, string>, head: boolean, firstView?: FirstViewContent): boolean {
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

/** Where the page's plain frame is, which the server's render of the first view replaces (renderer/index.html). */
const FRAME_START = '<!--first-view-->';
const FRAME_END = '<!--/first-view-->';
/**
 * How long the page's frame waits for the first view's read and render: the browser fetches the page's styles and
 * scripts meanwhile (it paints nothing before its styles have come), so a quick read costs the first paint nothing. A
 * slower one lets the plain frame go out, and the data follows as before.
 */
const FRAME_WAIT_MS = 150;

/**
 * The app's page with its first view. The page's head goes out at once (the browser asks for the styles and scripts),
 * the dashboard is read once that is on its way, and then:
 * - the app's frame: the server's render of the app with its cards in place of the page's plain frame, when the read
 *   and render are done within FRAME_WAIT_MS (else, or where there is no render, the plain frame);
 * - the data, as a JSON block at the page's end (inert: the policy runs no inline script, and `<` is escaped so no text
 *   in it can close the block). The page's scripts run only once the page has ended, so they find it there.
 * A failed read ends the page with its plain frame and without data: the app asks as before.
 */
function writeShell(body: Buffer, response: ServerResponse, headers: Record<string, string | number>, firstView: FirstViewContent): void {
  const close = body.lastIndexOf('</body>');
  if (close === -1) {
    response.writeHead(200, { ...headers, 'Content-Length': body.length });
    response.end(body);
    return;
  }
  let start = body.indexOf(FRAME_START);
  let end = body.indexOf(FRAME_END);
  // A page without the marks (another build) is served as it is, its data at its end.
  if (start === -1 || end < start || firstView.render === undefined) start = end = close;
  response.writeHead(200, headers);
  response.write(body.subarray(0, start));
  let framed = false;
  const frame = (html: string | null): void => {
    if (framed) return;
    framed = true;
    response.write(html ?? body.subarray(start, end));
    response.write(body.subarray(end, close));
  };
  const late = start === close ? null : setTimeout(() => frame(null), FRAME_WAIT_MS);
  // After this task: the page's start is written to the socket before the read holds the event loop.
  setImmediate(() => {
    firstView.read().then(
      (data) => {
        if (late !== null) clearTimeout(late);
        const json = JSON.stringify(data);
        frame(framed ? null : (firstView.render?.(data, json) ?? null));
        response.end(Buffer.concat([Buffer.from(`<script type="application/json" id="${FIRST_VIEW_ID}">${json.replace(/</g, '\\u003c')}</script>`), body.subarray(close)]));
      },
      () => {
        if (late !== null) clearTimeout(late);
        frame(null);
        response.end(body.subarray(close));
      },
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
