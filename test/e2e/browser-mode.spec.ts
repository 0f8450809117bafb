import { expect, test } from '@playwright/test';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openWorkflow } from './app-page.js';
import { serve, type Served } from './serve.js';

let server: Served;

test.beforeEach(async () => {
  server = await serve();
});

test.afterEach(async () => {
  await server.stop();
});

test('a workflow opened from the list runs, and every node reaches succeeded', async ({ page }) => {
  await openWorkflow(page, server, 'diamond');
  await expect(page.locator('[data-step]')).toHaveCount(4);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  for (const step of ['prepare', 'left', 'right', 'join']) {
    await expect(page.locator(`[data-step="${step}"]`)).toHaveAttribute('data-status', 'succeeded');
  }
  await page.screenshot({ path: 'test-results/e2e/screenshots/diamond-succeeded.png' });
});

test('a failing workflow shows the failed step and its skipped dependents', async ({ page }) => {
  await openWorkflow(page, server, 'broken');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.locator('[data-step="compile"]')).toHaveAttribute('data-status', 'failed');
  await expect(page.locator('[data-step="package"]')).toHaveAttribute('data-status', 'skipped');
  await expect(page.locator('[data-step="publish"]')).toHaveAttribute('data-status', 'skipped');
  await expect(page.locator('[data-step="docs"]')).toHaveAttribute('data-status', 'succeeded');
  await page.screenshot({ path: 'test-results/e2e/screenshots/broken-failed.png' });
});

test('access without the token, with a wrong one, or from another origin is refused', async () => {
  expect((await fetch(`${server.origin}/`)).status).toBe(401);
  expect((await fetch(`${server.origin}/?token=wrong`)).status).toBe(401);
  expect((await fetch(server.url, { headers: { Origin: 'http://evil.example' } })).status).toBe(403);
  expect((await fetch(server.url)).status).toBe(200);
});

test('a page from another local origin can neither open the WebSocket nor read the app', async ({ page }) => {
  // A real second origin on this machine: another port of 127.0.0.1, as a malicious local page would be.
  const other = createServer((_request, response) => response.end('<!doctype html><title>elsewhere</title>'));
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  try {
    await page.goto(`http://127.0.0.1:${(other.address() as AddressInfo).port}/`);
    const outcome = await page.evaluate(async ({ wsUrl, appUrl }) => {
      const socket = await new Promise<string>((resolve) => {
        const ws = new WebSocket(wsUrl);
        ws.onopen = () => resolve('open');
        ws.onerror = () => resolve('refused');
      });
      const read = await fetch(appUrl).then((r) => r.text()).then(() => 'read', () => 'refused');
      return { socket, read };
    }, { wsUrl: `${server.origin.replace('http', 'ws')}/ws?token=${server.token}`, appUrl: server.url });
    expect(outcome).toEqual({ socket: 'refused', read: 'refused' });
  } finally {
    other.close();
  }
});

test('the app follows the OS theme, light and dark', async ({ page }) => {
  const background = async (): Promise<string> => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.emulateMedia({ colorScheme: 'light' });
  await openWorkflow(page, server, 'diamond');
  const light = await background();
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(background).not.toBe(light);
  await page.screenshot({ path: 'test-results/e2e/screenshots/diamond-dark.png' });
  await page.getByRole('button', { name: 'Projects' }).click();
  await page.screenshot({ path: 'test-results/e2e/screenshots/projects-dark.png' });
});
