// The desktop app itself: a workflow opened from the list runs to the end, inside a window that is locked down.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { electronBinary, SKIP_REASON_SUFFIX } from './electron-binary.js';

const ROOT = join(import.meta.dirname, '..', '..');
const binary = electronBinary();

test.skip(!binary.ok, `Electron binary not installed (${binary.ok ? '' : binary.reason}): ${SKIP_REASON_SUFFIX}`);

let app: ElectronApplication;
let page: Page;
let home: string;
let project: string;

test.beforeEach(async () => {
  home = mkdtempSync(join(tmpdir(), 'codomyrmex-electron-home-'));
  project = mkdtempSync(join(tmpdir(), 'codomyrmex-electron-project-'));
  cpSync(join(ROOT, 'test', 'fixtures', 'e2e-project'), project, { recursive: true });
  app = await electron.launch({
    args: [join(ROOT, 'dist', 'electron', 'main.js'), '--project', project],
    env: { ...process.env, CODOMYRMEX_HOME: home, ELECTRON_RENDERER_URL: '' },
    cwd: ROOT,
  });
  page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
});

test.afterEach(async () => {
  await app?.close();
  rmSync(home, { recursive: true, force: true });
  rmSync(project, { recursive: true, force: true });
});

test('a workflow opened from the list runs, and every node reaches succeeded', async () => {
  await page.getByRole('button', { name: /^diamond\b/ }).first().click();
  await expect(page.locator('[data-step]')).toHaveCount(4);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  for (const step of ['prepare', 'left', 'right', 'join']) {
    await expect(page.locator(`[data-step="${step}"]`)).toHaveAttribute('data-status', 'succeeded');
  }
  await page.screenshot({ path: join(ROOT, 'test-results', 'electron', 'screenshots', 'diamond-succeeded.png') });
});

test('the page has no Node, only the two-function bridge', async () => {
  const seen = await page.evaluate(() => {
    const w = window as unknown as Record<string, unknown>;
    return { require: typeof w.require, process: typeof w.process, module: typeof w.module, bridge: Object.keys(w.codomyrmex as object).sort() };
  });
  expect(seen).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined', bridge: ['invoke', 'onEvents'] });
  const info = await page.evaluate(() => (window as unknown as { codomyrmex: { invoke(c: string, r: unknown): Promise<unknown> } }).codomyrmex.invoke('app.info', {}));
  expect(info).toMatchObject({ ok: true, value: { mode: 'electron', home } });
  const refused = await page.evaluate(() => (window as unknown as { codomyrmex: { invoke(c: string, r: unknown): Promise<unknown> } }).codomyrmex.invoke('projects.list', { extra: 1 }));
  expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
});

// The webPreferences flags themselves are pinned by test/unit/electron/hardening.test.ts; here, their effects.
test('the window refuses eval, new windows and navigation', async () => {
  const appUrl = page.url();
  expect(appUrl).toMatch(/^file:.*dist\/renderer\/index\.html/);
  // The CSP has no 'unsafe-eval'.
  expect(await page.evaluate(() => { try { return String(new Function('return 1')()); } catch { return 'blocked'; } })).toBe('blocked');
  expect(await page.evaluate(() => window.open('about:blank') === null)).toBe(true);
  await page.evaluate(() => { window.location.href = 'file:///etc/hostname'; });
  await page.waitForTimeout(500);
  expect(page.url()).toBe(appUrl);
  expect(app.windows()).toHaveLength(1);
});
