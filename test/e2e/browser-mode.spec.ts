import { expect, test, type Page } from '@playwright/test';
import { serve, type Served } from './serve.js';

let server: Served;

test.beforeEach(async () => {
  server = await serve();
});

test.afterEach(async () => {
  await server.stop();
});

async function openWorkflow(page: Page, name: string): Promise<void> {
  await page.goto(server.url);
  await page.getByRole('button', { name: new RegExp(`^${name}\\b`) }).first().click();
  await expect(page.locator('[data-step]').first()).toBeVisible();
}

test('a workflow opened from the list runs, and every node reaches succeeded', async ({ page }) => {
  await openWorkflow(page, 'diamond');
  await expect(page.locator('[data-step]')).toHaveCount(4);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  for (const step of ['prepare', 'left', 'right', 'join']) {
    await expect(page.locator(`[data-step="${step}"]`)).toHaveAttribute('data-status', 'succeeded');
  }
  await page.screenshot({ path: 'test-results/e2e/screenshots/diamond-succeeded.png' });
});

test('a failing workflow shows the failed step and its skipped dependents', async ({ page }) => {
  await openWorkflow(page, 'broken');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.locator('[data-step="compile"]')).toHaveAttribute('data-status', 'failed');
  await expect(page.locator('[data-step="package"]')).toHaveAttribute('data-status', 'skipped');
  await expect(page.locator('[data-step="publish"]')).toHaveAttribute('data-status', 'skipped');
  await expect(page.locator('[data-step="docs"]')).toHaveAttribute('data-status', 'succeeded');
  await page.screenshot({ path: 'test-results/e2e/screenshots/broken-failed.png' });
});

test('access without the token, or from another origin, is refused', async () => {
  expect((await fetch(`${server.origin}/`)).status).toBe(401);
  expect((await fetch(`${server.origin}/?token=wrong`)).status).toBe(401);
  expect((await fetch(server.url, { headers: { Origin: 'http://evil.example' } })).status).toBe(403);
  const upgrade = await fetch(`${server.origin}/ws?token=${server.token}`, {
    headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==', Origin: 'http://evil.example' },
  }).catch((error: Error) => error);
  expect(upgrade instanceof Error || upgrade.status === 403).toBe(true);
});

test('a page from another origin cannot open the WebSocket', async ({ page }) => {
  await page.goto('about:blank');
  const outcome = await page.evaluate(async (wsUrl) => new Promise<string>((resolve) => {
    const socket = new WebSocket(wsUrl);
    socket.onopen = () => resolve('open');
    socket.onerror = () => resolve('refused');
  }), `${server.origin.replace('http', 'ws')}/ws?token=${server.token}`);
  expect(outcome).toBe('refused');
});
