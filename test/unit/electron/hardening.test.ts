import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CSP_DIRECTIVES, contentSecurityPolicy, secureWebPreferences, windowOptions, withCsp } from '../../../electron/main/hardening.js';
import { resetFakeElectron, shell, state } from './fake-electron.js';
import { APP_URL, launch } from './launch.js';

vi.mock('electron', () => import('./fake-electron.js'));
vi.mock('electron-store', () => import('./fake-electron-store.js'));

beforeEach(() => resetFakeElectron());

const REQUIRED_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

const LOCKED_DOWN = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  devTools: false,
};

describe('window hardening', () => {
  it('locks down the webPreferences of every window it builds', () => {
    expect(secureWebPreferences('/app/preload.cjs')).toMatchObject({ preload: '/app/preload.cjs', ...LOCKED_DOWN });
    expect(windowOptions('/app/preload.cjs', { width: 900, height: 700 }).webPreferences).toMatchObject(LOCKED_DOWN);
  });

  it('opens the app window with those preferences and the CommonJS preload beside main', async () => {
    await launch();
    expect(state.windows).toHaveLength(1);
    const preferences = state.windows[0]!.options.webPreferences!;
    expect(preferences).toMatchObject(LOCKED_DOWN);
    expect(preferences.preload).toMatch(/dist[/\\]electron[/\\]preload\.cjs$/);
    expect(state.windows[0]!.loaded).toEqual([APP_URL]);
  });

  it('sets the strict CSP on every response, replacing whatever the response carried', async () => {
    expect(contentSecurityPolicy({ kind: 'app', root: '/x', url: APP_URL })).toBe(REQUIRED_CSP);
    expect(CSP_DIRECTIVES.join('; ')).toBe(REQUIRED_CSP);
    await launch();
    const listener = state.headersListener!;
    expect(listener).toBeTypeOf('function');
    const responses: (Record<string, string[]> | undefined)[] = [undefined, {}, { 'content-security-policy': ['default-src *'], 'X-Kept': ['yes'] }, { 'Content-Security-Policy': ["script-src 'unsafe-eval'"] }];
    for (const responseHeaders of responses) {
      const callback = vi.fn();
      listener({ responseHeaders }, callback);
      const headers = callback.mock.calls[0]![0].responseHeaders as Record<string, string[]>;
      const csp = Object.entries(headers).filter(([name]) => name.toLowerCase() === 'content-security-policy');
      expect(csp).toEqual([['Content-Security-Policy', [REQUIRED_CSP]]]);
      if (responseHeaders && 'X-Kept' in responseHeaders) expect(headers['X-Kept']).toEqual(['yes']);
    }
    expect(withCsp({ a: ['1'] }, 'p')).toEqual({ a: ['1'], 'Content-Security-Policy': ['p'] });
  });

  it('relaxes the CSP only for the dev server, never script sources from elsewhere', () => {
    const dev = contentSecurityPolicy({ kind: 'dev', url: 'http://localhost:5173/', origin: 'http://localhost:5173' });
    expect(dev).toContain("connect-src 'self' http://localhost:5173 ws://localhost:5173");
    expect(dev).toContain("object-src 'none'");
    expect(dev).not.toContain('*');
  });

  it('blocks navigation away from the app page', async () => {
    await launch();
    const contents = state.windows[0]!.webContents;
    const attempt = (event: string, url: string): boolean => {
      const preventDefault = vi.fn();
      contents.emit(event, { preventDefault }, url);
      return preventDefault.mock.calls.length > 0;
    };
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'javascript:alert(1)', 'about:blank', 'http://localhost:5173/']) {
      expect(attempt('will-navigate', url), url).toBe(true);
      expect(attempt('will-redirect', url), url).toBe(true);
    }
    expect(attempt('will-navigate', `${APP_URL}#/runs`)).toBe(false);
    expect(attempt('will-attach-webview', 'https://evil.example/')).toBe(true);
  });

  it('denies every new window; only http(s) links go to the OS browser', async () => {
    await launch();
    const open = state.windows[0]!.webContents.openHandler!;
    for (const url of ['https://example.org/docs', 'http://example.org/', 'file:///etc/passwd', 'javascript:alert(1)', APP_URL, 'smb://host/share', 'not a url']) {
      expect(open({ url }), url).toEqual({ action: 'deny' });
    }
    expect(shell.openExternal.mock.calls).toEqual([['https://example.org/docs'], ['http://example.org/']]);
  });

  it('grants the app page notifications and the clipboard, and refuses every other permission and every other page', async () => {
    await launch();
    const cases = [['notifications', true], ['clipboard-read', true], ['clipboard-sanitized-write', true], ['media', false], ['geolocation', false], ['openExternal', false], ['fullscreen', false], ['fileSystem', false]] as const;
    for (const [permission, granted] of cases) {
      for (const [url, origin, fromApp] of [[`${APP_URL}#/runs`, 'app://codomyrmex', true], ['https://evil.example/', 'https://evil.example', false], ['file:///tmp/x.html', 'file://', false]] as const) {
        const callback = vi.fn();
        state.permissionRequest!(null, permission, callback, { requestingUrl: url });
        expect(callback, `${permission} from ${url}`).toHaveBeenCalledWith(granted && fromApp);
        expect(state.permissionCheck!(null, permission, origin, {}), `${permission} check from ${origin}`).toBe(granted && fromApp);
        expect(state.permissionCheck!(null, permission, origin, { requestingUrl: url }), `${permission} check from ${url}`).toBe(granted && fromApp);
      }
    }
  });
});
