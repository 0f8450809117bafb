// Where the renderer lives (the built file, or the dev server) and whether a URL belongs to it.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export type AppLocation = { kind: 'file'; file: string; url: string } | { kind: 'dev'; url: string; origin: string };

/** `ELECTRON_RENDERER_URL` (the Vite dev server) when set, else `dist/renderer/index.html` beside `dist/electron/`. */
export function appLocation(mainDir: string, env: NodeJS.ProcessEnv = process.env): AppLocation {
  const dev = env.ELECTRON_RENDERER_URL;
  if (dev !== undefined && dev !== '') {
    const url = new URL(dev);
    return { kind: 'dev', url: url.href, origin: url.origin };
  }
  const file = resolve(mainDir, '..', 'renderer', 'index.html');
  return { kind: 'file', file, url: pathToFileURL(file).href };
}

/** The folder of the running main bundle (dist/electron). */
export function mainDirOf(moduleUrl: string): string {
  return dirname(fileURLToPath(moduleUrl));
}

export function preloadPath(mainDir: string): string {
  return join(mainDir, 'preload.cjs');
}

/** True for the app's own page (any hash or query), false for everything else, including malformed URLs. */
export function isAppUrl(candidate: string, location: AppLocation): boolean {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  if (location.kind === 'dev') return url.origin === location.origin;
  // file:// pages can read any file, so only the one index.html counts as ours, not its neighbours.
  return url.protocol === 'file:' && url.host === '' && safeFilePath(url) === location.file;
}

function safeFilePath(url: URL): string | null {
  try {
    return resolve(fileURLToPath(url));
  } catch {
    return null;
  }
}
