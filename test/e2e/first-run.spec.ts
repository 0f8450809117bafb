// A first run: `codomyrmex serve` with no folder on an empty data folder shows the welcome view; one click makes the
// sample project, opens its workflow, and Run takes every step to succeeded, one of them through the resource queue.
import { expect, test } from '@playwright/test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { watchPage } from './app-dialogs.js';
import { shot } from './app-page.js';
import { serveFirstRun, type Served } from './serve.js';

const STEPS = ['prepare', 'count-words', 'count-lines', 'fetch-mirror', 'report'];
let server: Served<null>;

test.beforeEach(async () => {
  server = await serveFirstRun();
});

test.afterEach(async () => {
  await server.stop();
});

test('the welcome view offers the sample project, whose workflow runs to success with a step queued for its resource', async ({ page }) => {
  const watch = watchPage(page);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(server.url);
  const welcome = page.getByRole('region', { name: 'Welcome to Codomyrmex Orchestrator' });
  await expect(welcome).toBeVisible();
  await expect(welcome.getByRole('list', { name: 'Ways to start' }).getByRole('listitem')).toHaveCount(3);
  await expect(welcome).toContainText(`${server.home}/projects/sample-project`);
  await shot(page, 'welcome-1440');
  await page.setViewportSize({ width: 1024, height: 700 });
  await shot(page, 'welcome-1024');

  await welcome.getByRole('button', { name: 'Create the sample project' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('sample-pipeline');
  await expect(page.locator('[data-step]')).toHaveCount(STEPS.length);
  expect(existsSync(join(server.home, 'projects', 'sample-project', 'scripts', 'count.sh'))).toBe(true);

  await page.getByRole('button', { name: 'Run', exact: true }).click();
  // count-words (priority high) holds the one-slot sample-db; count-lines waits for it in the queue.
  await expect(page.locator('[data-step="count-lines"]')).toHaveAttribute('data-status', 'queued');
  await page.setViewportSize({ width: 1440, height: 900 });
  await shot(page, 'sample-queued-1440');
  for (const step of STEPS) await expect(page.locator(`[data-step="${step}"]`)).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });
  await shot(page, 'sample-succeeded-1440');
  // The workflow's own resource is listed as the workflow's, not as one built in.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Resources' }).click();
  await expect(page.locator('[data-resource="sample-db"]')).toContainText('from a workflow');
  await expect(page.locator('[data-resource="cpu"]')).toContainText('built-in');

  // Registered now: the next visit opens on the projects, not the welcome.
  await page.reload();
  await expect(page.getByRole('list', { name: 'Project cards' })).toContainText('sample-project');
  await expect(page.getByRole('region', { name: 'Welcome to Codomyrmex Orchestrator' })).toHaveCount(0);
  expect(watch.problems).toEqual([]);
});
