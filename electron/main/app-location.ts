// Where the renderer lives (the built files behind app://, or the dev server) and whether a URL belongs to it.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built renderer is served on app://codomyrmex/ (see app-protocol.ts), never from file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'codomyrmex';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export type AppLocation = { kind: 'app'; root: string; url: string } | { kind: 'dev'; url: string; origin: string };

/**
 * `ELECTRON_RENDERER_URL` (the Vite dev server) in development, else `dist/renderer/` beside `dist/electron/` on
 * app://. A packaged app ignores the variable: its environment must not decide which code the window runs.
 */
export function appLocation(mainDir: string, env: NodeJS.ProcessEnv = process.env, isPackaged = false): AppLocation {
  const dev = env.ELECTRON_RENDERER_URL;
  if (!isPackaged && dev !== undefined && dev !== '') {
    const url = new URL(dev);
    return { kind: 'dev', url: url.href, origin: url.origin };
  }
  return { kind: 'app', root: resolve(mainDir, '..', 'renderer'), url: `${APP_ORIGIN}/index.html` };
}

/** The folder of the running main bundle (dist/electron). */
export function mainDirOf(moduleUrl: string): string {
  return dirname(fileURLToPath(moduleUrl));
}

export function preloadPath(mainDir: string): string {
  return join(mainDir, 'preload.cjs');
}

/**
 * True for a URL or origin of the app's own pages (any path, hash or query), false for everything else, including
 * malformed URLs. Everything app:// serves is the renderer's own build, so the whole origin is the app.
 */
export function isAppUrl(candidate: string, location: AppLocation): boolean {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  if (location.kind === 'dev') return url.origin === location.origin;
  // Node gives non-special schemes an opaque origin ("null"), so the scheme and host are compared instead.
  return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.port === '';
}
