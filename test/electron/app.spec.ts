// The desktop app itself: a workflow opened from the list runs to the end, inside a window that is locked down and
// served on app://; closing it with unsaved edits asks first; the clipboard works.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
  // A test that closed the window has quit the app already.
  await app?.close().catch(() => undefined);
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

test('the page has no Node, only the three-function bridge', async () => {
  const seen = await page.evaluate(() => {
    const w = window as unknown as Record<string, unknown>;
    return { require: typeof w.require, process: typeof w.process, module: typeof w.module, bridge: Object.keys(w.codomyrmex as object).sort() };
  });
  expect(seen).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined', bridge: ['invoke', 'onEvents', 'onSaveRequest'] });
  const info = await page.evaluate(() => (window as unknown as { codomyrmex: { invoke(c: string, r: unknown): Promise<unknown> } }).codomyrmex.invoke('app.info', {}));
  expect(info).toMatchObject({ ok: true, value: { mode: 'electron', home } });
  const refused = await page.evaluate(() => (window as unknown as { codomyrmex: { invoke(c: string, r: unknown): Promise<unknown> } }).codomyrmex.invoke('projects.list', { extra: 1 }));
  expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
});

// The webPreferences flags themselves are pinned by test/unit/electron/hardening.test.ts; here, their effects.
test('the window refuses eval, new windows and navigation', async () => {
  const appUrl = page.url();
  expect(appUrl).toBe('app://codomyrmex/index.html');
  // The CSP has no 'unsafe-eval'.
  expect(await page.evaluate(() => { try { return String(new Function('return 1')()); } catch { return 'blocked'; } })).toBe('blocked');
  expect(await page.evaluate(() => window.open('about:blank') === null)).toBe(true);
  await page.evaluate(() => { window.location.href = 'file:///etc/hostname'; });
  await page.waitForTimeout(500);
  expect(page.url()).toBe(appUrl);
  // app:// serves the renderer's files only.
  expect(await page.evaluate(async () => (await fetch('app://codomyrmex/..%2F..%2F..%2Fetc%2Fpasswd')).status)).toBe(403);
  await page.waitForTimeout(500);
  expect(page.url()).toBe(appUrl);
  expect(app.windows()).toHaveLength(1);
});

test('the page loads from app:// with its scripts, styles and the CSP header', async () => {
  expect(page.url()).toBe('app://codomyrmex/index.html');
  await expect(page.getByRole('button', { name: /^diamond\b/ }).first()).toBeVisible();
  const response = await page.evaluate(async () => {
    const reply = await fetch('app://codomyrmex/index.html');
    return { status: reply.status, type: reply.headers.get('content-type'), csp: reply.headers.get('content-security-policy') };
  });
  expect(response).toEqual({ status: 200, type: 'text/html; charset=utf-8', csp: expect.stringContaining("script-src 'self'") });
});

/** Opens diamond and deletes its last step: the editor then holds unsaved edits. */
async function editDiamond(): Promise<void> {
  await page.getByRole('button', { name: /^diamond\b/ }).first().click();
  await expect(page.locator('[data-step]')).toHaveCount(4);
  await page.locator('[data-step="join"]').click();
  await page.keyboard.press('Delete');
  await expect(page).toHaveTitle(/^● diamond/);
}

/** Answers the close prompt with `button` (0 Save, 1 Discard, 2 Cancel) and counts how often it was shown. */
async function answerClosePrompt(button: number): Promise<void> {
  await app.evaluate(({ dialog }, answer) => {
    const counter = globalThis as unknown as { asked: string[] };
    counter.asked = [];
    dialog.showMessageBoxSync = ((_window: unknown, options: { message: string }) => {
      counter.asked.push(options.message);
      return answer;
    }) as typeof dialog.showMessageBoxSync;
  }, button);
}

const asked = (): Promise<string[]> => app.evaluate(() => (globalThis as unknown as { asked: string[] }).asked);
const closeWindow = (): Promise<void> => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.close());

test('closing with unsaved edits asks Save / Discard / Cancel; Cancel keeps the window and the edits', async () => {
  await editDiamond();
  await answerClosePrompt(2);
  await closeWindow();
  await expect.poll(asked).toEqual(['Save the changes to "diamond"?']);
  expect(app.windows()).toHaveLength(1);
  await expect(page.locator('[data-step]')).toHaveCount(3);
  // Quitting at the end of the test drops the edits instead of asking again.
  await answerClosePrompt(1);
});

test('Save writes the workflow, then the window closes', async () => {
  await editDiamond();
  await answerClosePrompt(0);
  const closed = page.waitForEvent('close');
  await closeWindow();
  await closed;
  expect(await asked()).toHaveLength(1);
  expect(readFileSync(join(project, '.codomyrmex', 'workflows', 'diamond.yaml'), 'utf8')).not.toMatch(/name: join/);
});

test('Discard closes the window and leaves the file as it was', async () => {
  const before = readFileSync(join(project, '.codomyrmex', 'workflows', 'diamond.yaml'), 'utf8');
  await editDiamond();
  await answerClosePrompt(1);
  const closed = page.waitForEvent('close');
  await closeWindow();
  await closed;
  expect(readFileSync(join(project, '.codomyrmex', 'workflows', 'diamond.yaml'), 'utf8')).toBe(before);
});

test('copy in the editor reaches the system clipboard, and the page can read it back', async () => {
  await page.getByRole('button', { name: /^diamond\b/ }).first().click();
  await page.locator('[data-step="prepare"]').click();
  await page.keyboard.press('Control+c');
  await expect.poll(() => app.evaluate(({ clipboard }) => clipboard.readText())).toContain('"prepare"');
  await app.evaluate(({ clipboard }) => clipboard.writeText('from the system'));
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('from the system');
});

test('a workflow file chosen with the import button opens as a new unsaved workflow', async () => {
  await page.getByRole('button', { name: /^diamond\b/ }).first().click();
  const yaml = 'version: 1\nname: imported\nsteps:\n  - { name: hello, module: shell, action: run, parameters: { command: echo hi } }\n';
  await page.getByLabel('Import a workflow file').setInputFiles({ name: 'imported.yaml', mimeType: 'application/yaml', buffer: Buffer.from(yaml) });
  await expect(page.locator('[data-step="hello"]')).toHaveCount(1);
});
