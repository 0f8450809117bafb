// The app's one window: hardened options, the saved bounds restored onto a visible display, the renderer loaded.
import { BrowserWindow, screen, type Shell } from 'electron';
import type { AppLocation } from './app-location.js';
import { hardenContents, windowOptions } from './hardening.js';
import { restoreWindowState, trackWindowState, type WindowStateStore } from './window-state.js';

export interface AppWindowOptions {
  location: AppLocation;
  preload: string;
  stateStore: WindowStateStore;
  shell: Pick<Shell, 'openExternal'>;
  /** Development only: a packaged app has no DevTools. */
  devTools: boolean;
}

/** Work areas with the primary display's first, where a window with no usable saved state opens. */
function workAreas(): Electron.Rectangle[] {
  const primary = screen.getPrimaryDisplay();
  return [primary, ...screen.getAllDisplays().filter((display) => display.id !== primary.id)].map((display) => display.workArea);
}

export function createAppWindow({ location, preload, stateStore, shell, devTools }: AppWindowOptions): BrowserWindow {
  const state = restoreWindowState(stateStore.load(), workAreas());
  const { isMaximized, ...bounds } = state;
  const window = new BrowserWindow(windowOptions(preload, bounds, devTools));
  hardenContents(window.webContents, location, shell);
  trackWindowState(window, stateStore);
  window.once('ready-to-show', () => {
    if (isMaximized) window.maximize();
    window.show();
  });
  window.loadURL(location.url).catch((error: Error) => {
    const hint = location.kind === 'app' ? ' (is the renderer built? run npm run build)' : ' (is the dev server running?)';
    console.error(`Codomyrmex Orchestrator: cannot load ${location.url}${hint}: ${error.message}`);
  });
  return window;
}

/** Brings the window to the front, as a second launch of the app should. */
export function focusWindow(window: BrowserWindow | null): void {
  if (window === null || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
