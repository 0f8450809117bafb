// Every web API the renderer uses, against what Electron does with it (see the README's desktop-app section):
// clipboard and notifications are permission-checked (hardening.test.ts), the rest are pinned here.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { saveDialogFor } from '../../../electron/main/downloads.js';
import { app, fakeEvent, resetFakeElectron, shell, state } from './fake-electron.js';
import { APP_URL, launch } from './launch.js';

vi.mock('electron', () => import('./fake-electron.js'));
vi.mock('electron-store', () => import('./fake-electron-store.js'));

beforeEach(() => resetFakeElectron());

function downloadItem(url: string, filename: string) {
  return { getURL: () => url, getFilename: () => filename, setSaveDialogOptions: vi.fn(), setSavePath: vi.fn() };
}

describe('web APIs of the page in the desktop app', () => {
  it('a download the page makes (<a download> on a blob: URL) opens the save dialog in Downloads, on its name', async () => {
    await launch();
    const willDownload = state.sessionListeners.get('will-download')!;
    const item = downloadItem('blob:app://codomyrmex/3f1c2a9e-7d1b-4c55-a2b4-0e7c1d2f9a10', 'diamond.yaml');
    const event = fakeEvent();
    willDownload(event, item);
    expect(event.defaultPrevented).toBe(false);
    expect(item.setSaveDialogOptions).toHaveBeenCalledWith({ title: 'Save diamond.yaml', defaultPath: '/home/user/Downloads/diamond.yaml' });
    expect(item.setSavePath).not.toHaveBeenCalled();
  });

  it('a download from anywhere else is cancelled', async () => {
    await launch();
    const willDownload = state.sessionListeners.get('will-download')!;
    for (const url of ['https://evil.example/payload.sh', 'blob:https://evil.example/x', 'file:///etc/passwd', 'data:text/plain,hi', 'blob:app://other/x']) {
      const item = downloadItem(url, 'x');
      const event = fakeEvent();
      willDownload(event, item);
      expect(event.defaultPrevented, url).toBe(true);
      expect(item.setSaveDialogOptions, url).not.toHaveBeenCalled();
    }
  });

  it('a download name cannot point the dialog outside the Downloads folder', () => {
    expect(saveDialogFor('../../.bashrc', '/home/u/Downloads').defaultPath).toBe('/home/u/Downloads/.bashrc');
    expect(saveDialogFor('', '/home/u/Downloads').defaultPath).toBe('/home/u/Downloads/download');
  });

  it('a file dropped on the window never navigates it away from the app', async () => {
    await launch();
    const window = state.windows[0]!;
    expect(window.options.webPreferences).toMatchObject({ navigateOnDragDrop: false });
    // Were the flag ever lost, the drop arrives as a navigation to the file: refused too.
    for (const url of ['file:///home/user/ci.yaml', 'file:///C:/Users/u/ci.json']) {
      const event = fakeEvent();
      window.webContents.emit('will-navigate', event, url);
      expect(event.defaultPrevented, url).toBe(true);
    }
  });

  it('window.open never opens a window: web links go to the OS browser, anything else nowhere', async () => {
    await launch();
    const open = state.windows[0]!.webContents.openHandler!;
    expect(open({ url: 'https://github.com/' })).toEqual({ action: 'deny' });
    expect(open({ url: `${APP_URL}#/runs` })).toEqual({ action: 'deny' });
    expect(shell.openExternal.mock.calls).toEqual([['https://github.com/']]);
  });

  it('run notifications are permitted for the app page (shown natively by Electron)', async () => {
    await launch();
    const callback = vi.fn();
    state.permissionRequest!(null, 'notifications', callback, { requestingUrl: APP_URL });
    expect(callback).toHaveBeenCalledWith(true);
  });
});

describe('a packaged app', () => {
  it('has no DevTools and loads app:// even when ELECTRON_RENDERER_URL is set', async () => {
    await launch({ env: { ELECTRON_RENDERER_URL: 'http://127.0.0.1:5173' } });
    expect(state.windows[0]!.options.webPreferences).toMatchObject({ devTools: false });
    expect(state.windows[0]!.loaded).toEqual([APP_URL]);
    const roles = JSON.stringify(state.menu);
    expect(roles).not.toContain('toggleDevTools');
    // The dev server's relaxed CSP is not used either.
    const callback = vi.fn();
    state.headersListener!({ responseHeaders: {} }, callback);
    expect(JSON.stringify(callback.mock.calls[0])).not.toContain('127.0.0.1:5173');
  });
});

describe('in development', () => {
  it('has DevTools and follows ELECTRON_RENDERER_URL to the dev server', async () => {
    app.isPackaged = false;
    await launch({ env: { ELECTRON_RENDERER_URL: 'http://127.0.0.1:5173' } });
    expect(state.windows[0]!.options.webPreferences).toMatchObject({ devTools: true });
    expect(state.windows[0]!.loaded).toEqual(['http://127.0.0.1:5173/']);
    expect(JSON.stringify(state.menu)).toContain('toggleDevTools');
    expect(state.protocols.has('app')).toBe(false);
  });
});
