import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { APP_SCHEME_PRIVILEGES, appFileOf, mimeType, serveAppRequest } from '../../../electron/main/app-protocol.js';
import { CSP_DIRECTIVES } from '../../../electron/main/hardening.js';
import { resetFakeElectron, state } from './fake-electron.js';
import { APP_URL, RENDERER_DIR, launch } from './launch.js';

vi.mock('electron', () => import('./fake-electron.js'));
vi.mock('electron-store', () => import('./fake-electron-store.js'));

beforeEach(() => resetFakeElectron());

const CSP = CSP_DIRECTIVES.join('; ');
const root = mkdtempSync(join(tmpdir(), 'codomyrmex-renderer-'));
const outside = mkdtempSync(join(tmpdir(), 'codomyrmex-outside-'));
mkdirSync(join(root, 'assets'));
writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>');
writeFileSync(join(root, 'assets', 'main-1.js'), 'console.log(1)');
writeFileSync(join(root, 'assets', 'app-2.css'), 'body{}');
writeFileSync(join(root, 'assets', 'data.bin'), 'xx');
writeFileSync(join(outside, 'secret.txt'), 'TOP-SECRET-CONTENT');
symlinkSync(outside, join(root, 'assets', 'link'));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

const get = (url: string, method = 'GET') => serveAppRequest(root, { url, method }, CSP);

describe('the app:// protocol', () => {
  it('is registered as a standard, secure scheme before the app is ready, and serves the built renderer', async () => {
    await launch();
    expect(state.schemes).toEqual([{ scheme: 'app', privileges: APP_SCHEME_PRIVILEGES }]);
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true });
    const handler = state.protocols.get('app')!;
    const response = await handler(new Request(APP_URL));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CSP);
    expect(await response.text()).toBe(readFileSync(join(RENDERER_DIR, 'index.html'), 'utf8'));
    expect(state.windows[0]!.loaded).toEqual([APP_URL]);
  });

  it('serves each file with its MIME type, the CSP and nosniff; "/" is index.html', async () => {
    for (const [path, type, body] of [['/', 'text/html; charset=utf-8', '<!doctype html><title>app</title>'], ['/index.html?x=1#/runs', 'text/html; charset=utf-8', '<!doctype html><title>app</title>'], ['/assets/main-1.js', 'text/javascript; charset=utf-8', 'console.log(1)'], ['/assets/app-2.css', 'text/css; charset=utf-8', 'body{}'], ['/assets/data.bin', 'application/octet-stream', 'xx']] as const) {
      const response = await get(`app://codomyrmex${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toBe(type);
      expect(response.headers.get('content-security-policy'), path).toBe(CSP);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(await response.text(), path).toBe(body);
    }
    expect(['.svg', '.png', '.woff2', '.json', '.wasm'].map((ext) => mimeType(`a${ext}`))).toEqual(['image/svg+xml', 'image/png', 'font/woff2', 'application/json; charset=utf-8', 'application/wasm']);
  });

  it('refuses every path outside the renderer folder, however it is spelled', async () => {
    const attempts = ['app://codomyrmex/..%2F..%2F..%2Fetc%2Fpasswd', 'app://codomyrmex/%2e%2e/%2e%2e/etc/passwd', 'app://codomyrmex/assets/..%2f..%2f..%2fetc/hostname', 'app://codomyrmex/..%5C..%5Cwindows%5Cwin.ini', `app://codomyrmex/${encodeURIComponent(join(outside, 'secret.txt'))}`, 'app://codomyrmex/%00index.html', 'app://codomyrmex/assets/link/secret.txt', 'app://codomyrmex/%E0%A4%A', 'app://other/index.html', 'file:///etc/passwd'];
    for (const url of attempts) {
      const response = await get(url);
      expect([403, 404], url).toContain(response.status);
      expect(await response.text(), url).not.toMatch(/root:|TOP-SECRET/);
    }
    expect(appFileOf(root, 'app://codomyrmex/..%2F..%2Fetc%2Fpasswd')).toBeNull();
    expect(appFileOf(root, 'app://codomyrmex/assets/main-1.js')).toBe(join(root, 'assets', 'main-1.js'));
    expect((await get('app://codomyrmex/..%2F..%2Fetc%2Fpasswd')).status).toBe(403);
  });

  it('answers a missing file with 404, a directory with 404 and a write with 405', async () => {
    expect((await get('app://codomyrmex/nope.js')).status).toBe(404);
    expect((await get('app://codomyrmex/assets')).status).toBe(404);
    expect((await get('app://codomyrmex/index.html', 'POST')).status).toBe(405);
    const head = await get('app://codomyrmex/index.html', 'HEAD');
    expect([head.status, await head.text()]).toEqual([200, '']);
  });
});
