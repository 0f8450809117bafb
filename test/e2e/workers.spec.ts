// Issue 15 end to end: the queue turned on in the app (a real redis-server, a real `codomyrmex worker`), a run whose
// steps go to the worker — the run view names the worker's host and pool and shows its live log — a step for a pool
// no worker serves shown as "queued: no worker in pool gpu", and the Resources view listing the worker and marking
// that pool.
import { expect, test, type Page } from '@playwright/test';
import { hostname } from 'node:os';
import { watchPage } from './app-dialogs.js';
import { shoot } from './app-page.js';
import { startRedis, startWorker, type Stoppable } from './queue.js';
import { serve, type Served } from './serve.js';

const SHOTS = 'test-results/e2e/screenshots';
const HOST = hostname();
let server: Served;
let redis: Stoppable & { url: string; socket: string };
let worker: Stoppable | null = null;
let errors: string[] = [];

test.beforeEach(async ({ page }) => {
  errors = watchPage(page).problems;
  redis = await startRedis(test.info().title.includes('password') ? 'e2e-s3cret' : null);
  server = await serve('scale-project');
});

test.afterEach(async () => {
  expect(errors, 'no console error on the views touched').toEqual([]);
  await server.stop();
  await worker?.stop();
  worker = null;
  await redis.stop();
});

const nav = (page: Page, view: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: view }).click();
const node = (page: Page, step: string) => page.locator(`.run-detail [data-step="${step}"]`);

async function turnQueueOn(page: Page, url: string, shown = url): Promise<void> {
  await nav(page, 'Resources');
  const form = page.getByRole('form', { name: 'Queue' });
  const field = form.getByRole('textbox', { name: 'Redis URL' });
  await field.fill('http://localhost:6379');
  await form.getByRole('button', { name: 'Use queue' }).click();
  await expect(form.getByRole('alert')).toContainText('is not a Redis URL');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await field.fill(url);
  await form.getByRole('button', { name: 'Use queue' }).click();
  await expect(page.locator('[data-queue="connected"]')).toContainText(shown);
}

test('with the queue on, steps run on the worker: its host and pool on the node, in the step\'s facts and the timeline, its live log; a gpu step waits for a worker', async ({ page }) => {
  test.setTimeout(120_000);
  worker = await startWorker(redis.url, 'default');
  await page.goto(server.url);
  await turnQueueOn(page, redis.url);
  const workers = page.getByRole('table', { name: 'Workers' });
  await expect(workers.locator('[data-pool="default"]')).toContainText(HOST);
  await expect(workers.locator('[data-pool="default"] [data-column="slots"]')).toHaveText('0 of 2 busy');

  await nav(page, 'Projects');
  await page.getByRole('button', { name: /^farm\b/ }).first().click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.getByRole('button', { name: 'Open run' }).click();
  const compile = node(page, 'compile');
  await expect(compile).toHaveAttribute('data-status', 'running');
  await expect(compile.locator('.step-node__worker')).toHaveText(`on ${HOST}`);

  // The log arrives line by line while the step still runs on the worker, as a local step's does.
  await compile.click();
  const log = page.getByRole('log', { name: 'Output of compile' });
  await expect(log).toContainText('compile line 2');
  await expect(compile).toHaveAttribute('data-status', 'running');
  await expect(log).not.toContainText('compile line 8');
  const details = page.getByRole('complementary', { name: 'Step compile' });
  await expect(details.locator('[data-worker]')).toHaveText(`${HOST} · pool default`);
  await page.screenshot({ path: `${SHOTS}/workers-run-live.png` });
  await expect(log).toContainText('compile line 8');
  await expect(compile).toHaveAttribute('data-status', 'succeeded');
  await expect(node(page, 'lint').locator('.step-node__worker')).toHaveText(`on ${HOST}`);

  // No worker serves gpu: train waits, saying so on its node, in its facts and on the timeline.
  const train = node(page, 'train');
  await expect(train).toHaveAttribute('data-status', 'queued');
  await expect(train.locator('[data-reason]')).toHaveText('no worker in pool gpu');
  await train.click();
  await expect(page.getByRole('complementary', { name: 'Step train' }).locator('dd[data-reason]')).toHaveText('queued: no worker in pool gpu');
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await expect(timeline.locator('.timeline__note[data-waiting]')).toHaveText('queued: no worker in pool gpu');
  await expect(timeline.getByRole('button', { name: /^compile: succeeded, .*, on / })).toHaveAccessibleName(new RegExp(`on ${HOST} · pool default$`));
  await expect(timeline.locator('.timeline__note[data-worker]').first()).toHaveText(HOST);
  await shoot(page, 'workers-run');

  // The Resources view: the worker, idle again, and the gpu pool marked with the step that waits for it.
  await nav(page, 'Resources');
  await expect(workers.locator('[data-pool="default"] [data-column="slots"]')).toHaveText('0 of 2 busy');
  await expect(workers.locator('[data-pool="default"] [data-column="heartbeat"]')).toHaveText(/^(now|\d+ s ago)$/);
  const gpu = page.getByRole('list', { name: 'Pools' }).locator('[data-pool="gpu"]');
  await expect(gpu).toHaveAttribute('data-no-worker', 'true');
  await expect(gpu).toContainText('no worker');
  await expect(gpu.getByRole('button', { name: 'Open the run of train' })).toHaveText('farm › train');
  await page.getByRole('heading', { name: 'Workers' }).evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
  await shoot(page, 'workers-resources');
  await gpu.getByRole('button', { name: 'Open the run of train' }).click();
  await expect(page.locator('.run-detail')).toBeVisible();
  await page.getByRole('button', { name: 'Cancel run' }).click();
  await expect(train).toHaveAttribute('data-status', 'cancelled');
});

test('a password-protected Redis: a wrong password refused and never shown; the Resources view lists a worker running a step, drops it when it stops, says when Redis is gone; Turn off queue', async ({ page }) => {
  test.setTimeout(90_000);
  worker = await startWorker(redis.url, 'default', 1);
  await page.goto(server.url);
  await nav(page, 'Resources');
  const form = page.getByRole('form', { name: 'Queue' });
  await form.getByRole('textbox', { name: 'Redis URL' }).fill(redis.url.replace('e2e-s3cret', 'not-the-one'));
  await form.getByRole('button', { name: 'Use queue' }).click();
  await expect(form.getByRole('alert')).toContainText(`cannot reach Redis at unix://${redis.socket}?password=***`);
  await expect(form.getByRole('alert')).not.toContainText('not-the-one');
  await page.screenshot({ path: `${SHOTS}/workers-wrong-password.png` });
  await turnQueueOn(page, redis.url, `unix://${redis.socket}?password=***`);
  expect(await page.locator('body').textContent()).not.toContain('e2e-s3cret');
  await nav(page, 'Projects');
  await page.getByRole('button', { name: /^farm\b/ }).first().click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await nav(page, 'Resources');
  const row = page.getByRole('table', { name: 'Workers' }).locator('[data-pool="default"]');
  await expect(row.locator('[data-column="slots"]')).toHaveText('1 of 1 busy');
  await expect(row.getByRole('button', { name: 'Open the run of compile' })).toHaveText('farm › compile');
  await expect(row.locator('[data-column="heartbeat"]')).toHaveText(/^(now|\d+ s ago)$/);
  await page.getByRole('heading', { name: 'Workers' }).evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: `${SHOTS}/workers-busy.png` });

  await worker.stop();
  worker = null;
  await expect(page.getByRole('table', { name: 'Workers' })).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByText('No worker is connected.')).toBeVisible();

  // The saved URL is never put back in the field: changing it starts from an empty one.
  await page.getByRole('button', { name: 'Change URL' }).click();
  await expect(page.getByRole('form', { name: 'Queue' }).getByRole('textbox', { name: 'Redis URL' })).toHaveValue('');
  await page.getByRole('button', { name: 'Cancel' }).click();

  // Redis goes away: the setting says the queue is not connected, and why.
  await redis.stop();
  await expect(page.locator('[data-queue="disconnected"]')).toContainText(/not connected.* — \S/);
  await page.screenshot({ path: `${SHOTS}/workers-redis-down.png` });
  await page.getByRole('button', { name: 'Turn off queue' }).click();
  await expect(page.locator('[data-queue="off"]')).toHaveText('Off: every step runs on this machine.');
  await expect(page.getByRole('form', { name: 'Queue' }).getByRole('textbox', { name: 'Redis URL' })).toHaveValue('');
});
