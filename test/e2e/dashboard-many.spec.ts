// The dashboard with more projects than fit on screen: cards off screen are laid out only as they near the view
// (content-visibility), so each card's chart must still be drawn when it is scrolled to, with its runs on it.
import { expect, test, type Locator } from '@playwright/test';
import { basename, join } from 'node:path';
import { cli } from '../cli.js';
import { card } from './app-page.js';
import { serve, type Served } from './serve.js';

let server: Served;

test.beforeEach(async () => {
  server = await serve('e2e-project', { others: Array.from({ length: 11 }, () => 'e2e-project') });
});

test.afterEach(async () => {
  await server.stop();
});

/** How many of a chart's pixels are painted (not transparent). */
const paintedPixels = (chart: Locator): Promise<number> => chart.locator('canvas').evaluate((canvas: HTMLCanvasElement) => {
  if (canvas.width === 300) return 0; // never sized to its box: not drawn
  const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
  let painted = 0;
  for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) painted++;
  return painted;
});

test('with twelve projects, the last card (off screen) is drawn with its chart when scrolled to, and every card is in the page', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.goto(server.url);
  await expect(page.getByRole('article')).toHaveCount(12);
  const name = (await page.getByRole('article').last().getAttribute('data-project'))!;
  const folder = [server.project, ...server.others].find((path) => basename(path) === name)!;
  // Two runs in that project: its chart has bars to draw.
  for (let run = 0; run < 2; run++) expect(cli(['run', join(folder, '.codomyrmex', 'workflows', 'diamond.yaml')], server.home, folder).code).toBe(0);
  await page.reload();
  const far = card(page, name);
  await expect(far).toHaveCount(1);
  const box = await far.boundingBox();
  expect(box!.y, 'the last card starts below the window').toBeGreaterThan(700);
  await far.scrollIntoViewIfNeeded();
  await expect(far.locator('[data-figure="success-rate"]')).toHaveText('100%');
  await expect.poll(() => paintedPixels(far.getByRole('img', { name: /runs per day by status/ })), { message: `${name}'s chart drawn` }).toBeGreaterThan(50);
  // Every card is in the page for find-in-page and screen readers, laid out or not.
  for (const other of [server.project, ...server.others]) await expect(card(page, basename(other))).toHaveCount(1);
});
