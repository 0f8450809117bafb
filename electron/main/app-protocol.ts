// Serves the built renderer on app://codomyrmex/: only files under its dist folder, with their MIME types and the
// CSP — the origin Electron's security checklist asks for instead of file://, which can read any file on disk.
import { readFile, realpath } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve } from 'node:path';
import { protocol } from 'electron';
import { APP_HOST, APP_SCHEME } from './app-location.js';

/** A standard, secure scheme: 'self' in the CSP, fetch, code cache and storage work as on https. */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, codeCache: true } as const;

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export function mimeType(file: string): string {
  return MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Must run before the app is ready (Electron's rule for privileged schemes). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
}

/** The file under `root` an app:// URL names ('/' is index.html), or null for another host or a path outside root. */
export function appFileOf(root: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let path: string;
  try {
    // Encoded separators and dots ("..%2F", "%5C") are decoded first, so the containment check sees them.
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  const file = resolve(root, `.${path === '/' || path === '' ? '/index.html' : path}`);
  return isInside(root, file) ? file : null;
}

function isInside(root: string, file: string): boolean {
  const inside = relative(root, file);
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside);
}

const text = (status: number, body: string, csp: string): Response =>
  new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff' } });

/** Answers one request: the file with its MIME type and the CSP, 403 outside the renderer, 404 when missing. */
export async function serveAppRequest(root: string, request: Pick<Request, 'url' | 'method'>, csp: string): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, `${request.method} is not served on ${APP_SCHEME}://`, csp);
  const file = appFileOf(root, request.url);
  if (file === null) return text(403, `refused: ${request.url} is not a file of the app`, csp);
  let body: Buffer;
  try {
    // A link inside the folder must not lead out of it either.
    const real = await realpath(file);
    if (!isInside(await realpath(root), real)) return text(403, `refused: ${request.url} leads outside the app`, csp);
    body = await readFile(real);
  } catch {
    return text(404, `not found: ${request.url}`, csp);
  }
  const headers = { 'Content-Type': mimeType(file), 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-cache' };
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
}

/** Routes app:// to the renderer's files (after the app is ready). */
export function handleAppProtocol(root: string, csp: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(root, request, csp));
}
