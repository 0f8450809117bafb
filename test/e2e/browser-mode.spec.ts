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

test('a code load that fails is said in the page, in place of what it showed', async ({ page }) => {
  // The app's code cannot be fetched: the page says so where the server's first view was.
  await page.route(/\/assets\/start-app-[^/]*\.js$/, (route) => route.abort());
  await page.goto(server.url);
  await expect(page.getByRole('alert')).toContainText('The app could not be loaded');
  await expect(page.getByRole('alert')).toContainText('Reload the page to try again.');
  await expect(page.getByText('Loading…')).toHaveCount(0);
  await expect(page.locator('.project-card')).toHaveCount(0);
});

test("the page comes with the dashboard drawn, charts and all, before the app's code has loaded; inert until it has", async ({ page }) => {
  // The app's chunk is held: what shows comes from the server's render of the first view.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/start-app-[^/]*\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  // The page's stylesheet late (a busy machine): the charts take the size its styles give them when it comes.
  await page.route(/\/assets\/index-[^/]*\.css$/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 500));
    await route.continue();
  });
  // The server loads its renderer of the first view once it has been idle a moment (a fresh one sends its plain frame).
  await page.waitForTimeout(800);
  await page.goto(server.url);
  const drawn = page.locator('#root > .app[inert]');
  await expect(drawn.locator('.project-card')).toHaveCount(1);
  await expect(drawn.locator('.project-card__path')).toHaveText(server.project);
  await expect(drawn.locator('.health-row', { hasText: 'diamond' })).toBeVisible();
  // Its chart came with the page (SVG, no script), stretched to the box the page's styles give it once they arrive.
  const chart = drawn.locator('.sparkline .sparkline__svg');
  await expect.poll(() => chart.evaluate((svg) => {
    const [box, frame] = [svg.getBoundingClientRect(), svg.parentElement!.getBoundingClientRect()];
    return box.width === frame.width && Math.round(box.height) === 43;
  })).toBe(true);
  await expect(drawn.locator('.sparkline canvas')).toHaveCount(0);
  await expect(drawn.locator('.nav__item')).toHaveText(['Projects', 'Editor', 'Runs', 'Sessions', 'Resources', 'Engine log'].map((label) => new RegExp(`${label}$`)));
  // Seen, not usable: nothing in it is a control yet.
  await expect(page.getByRole('button', { name: 'Run diamond' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Projects/ })).toHaveCount(0);
  release();
  // The app's first render replaces it whole, and works.
  await expect(drawn).toHaveCount(0);
  const card = page.locator('.project-card');
  await expect(card).toHaveCount(1);
  await card.getByRole('button', { name: 'Run diamond' }).click();
  await expect(card.locator('.health-row', { hasText: 'diamond' }).getByText('completed', { exact: true })).toBeVisible({ timeout: 15_000 });
});

test('a page that arrives slowly shows no frame until its first view has come whole', async ({ page }) => {
  // Each frame the browser draws as the page loads (its animation callbacks run), until the first whose page had its
  // frame's end (after the dashboard; the app's first render removes it later): whether it had. A frame drawn from
  // part of the page would show the navigation, or some cards without the rest.
  await page.addInitScript(() => {
    const frames: boolean[] = ((window as unknown as { frames_: boolean[] }).frames_ = []);
    const record = (): void => {
      const whole = document.getElementById('frame-end') !== null;
      frames.push(whole);
      if (!whole) requestAnimationFrame(record);
    };
    requestAnimationFrame(record);
  });
  await page.waitForTimeout(800);
  // Once with the network as it is: the page's styles and scripts are then in the browser's cache.
  await page.goto(server.url);
  await expect(page.locator('#root > .app:not([inert]) .project-card')).toHaveCount(1);
  // Again, with the page itself trickling in at 8 kB/s (~2 s for it): its start, then the frame bit by bit.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: 8_000, uploadThroughput: -1 });
  await page.reload();
  await expect(page.locator('#root .project-card')).toHaveCount(1);
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  const frames = await page.evaluate(() => (window as unknown as { frames_: boolean[] }).frames_);
  expect(frames.length).toBeGreaterThan(0);
  expect(frames.filter((whole) => !whole)).toEqual([]);
});

test("the server's first view scrolled before the app has loaded: the app's first render keeps the place", async ({ page }) => {
  // A short window, so that the one card's list scrolls.
  await page.setViewportSize({ width: 1024, height: 260 });
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/start-app-[^/]*\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.waitForTimeout(800);
  await page.goto(server.url);
  await expect(page.locator('#root > .app[inert] .project-card')).toHaveCount(1);
  const place = (): Promise<{ scrollTop: number; cardTop: number }> => page.evaluate(() => ({
    scrollTop: document.querySelector('#root .main')!.scrollTop,
    cardTop: document.querySelector('#root .project-card')!.getBoundingClientRect().top,
  }));
  await page.evaluate(() => document.querySelector('#root .main')!.scrollBy(0, 120));
  const before = await place();
  expect(before.scrollTop).toBeGreaterThan(0);
  release();
  await expect(page.locator('#root > .app[inert]')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Run diamond' })).toBeVisible();
  const after = await place();
  expect(after.scrollTop).toBeGreaterThan(0);
  expect(Math.abs(after.cardTop - before.cardTop)).toBeLessThanOrEqual(2);
});

test('the dashboard is drawn from the page itself, before the WebSocket answers, and the app then works as ever', async ({ page }) => {
  // What the page asks over its WebSocket is held: the cards can come only from the page the server sent.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.routeWebSocket(/\/ws/, (socket) => {
    const engine = socket.connectToServer();
    socket.onMessage(async (message) => {
      await held;
      engine.send(message);
    });
  });
  await page.goto(server.url);
  const card = page.locator('.project-card');
  await expect(card).toHaveCount(1);
  await expect(card.locator('.project-card__path')).toHaveText(server.project);
  // Read once by the app and gone from the page.
  await expect(page.locator('#codomyrmex-first-view')).toHaveCount(0);
  release();
  // The app's own first request answered (the same read), a workflow runs from the card.
  await card.getByRole('button', { name: 'Run diamond' }).click();
  // The card follows the run live, over the same socket.
  await expect(card.locator('.health-row', { hasText: 'diamond' }).getByText('completed', { exact: true })).toBeVisible({ timeout: 15_000 });
});

