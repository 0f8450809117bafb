// Issue 6 end to end, the resource monitor: live CPU and memory figures that change, and a resource of capacity 1
// declared in the Resources view making one of two steps wait — queued, with the reason on the canvas and in the
// monitor's waiting column — while the other runs.
import { expect, test, type Page } from '@playwright/test';
import { nav, shot } from './app-page.js';
import { serve, type Served } from './serve.js';

let server: Served;

test.beforeEach(async () => {
  server = await serve('monitor-project');
});

test.afterEach(async () => {
  await server.stop();
});

const figure = (page: Page, name: string) => page.locator(`[data-figure="${name}"]`);
const numberIn = (text: string | null): number => Number((text ?? '').replace(/,/g, '').match(/[\d.]+/)?.[0] ?? NaN);

test('the monitor shows non-zero CPU and memory figures that change over a few seconds, drawn as live charts', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(server.url);
  await nav(page, 'Resources');
  await expect(figure(page, 'cpu')).toHaveText(/%/);
  const readings = async (): Promise<string> => `${await figure(page, 'cpu').textContent()} | ${await figure(page, 'memory').textContent()}`;
  const first = await readings();
  const memory = numberIn(await figure(page, 'memory').textContent());
  expect(memory).toBeGreaterThan(0);
  await expect.poll(async () => numberIn(await figure(page, 'cpu').textContent()), { timeout: 15_000 }).toBeGreaterThan(0);
  await expect.poll(readings, { timeout: 15_000 }).not.toBe(first);
  await expect(page.getByRole('img', { name: 'CPU over the last hour' }).locator('canvas')).toHaveCount(1);
  await expect(page.getByRole('img', { name: 'CPU per core over the last hour' }).locator('canvas')).toHaveCount(1);
  await expect(page.getByRole('img', { name: 'Load over the last hour' }).locator('canvas')).toHaveCount(1);
  // Updated in place: the canvas element is the same one after more samples.
  const canvas = await page.getByRole('img', { name: 'Memory over the last hour' }).locator('canvas').elementHandle();
  await page.waitForTimeout(2_000);
  expect(await canvas!.evaluate((element) => element.isConnected)).toBe(true);
  await shot(page, 'monitor-light', { fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForTimeout(1_200);
  await shot(page, 'monitor-dark', { fullPage: true });
});

test('a resource of capacity 1 makes the second of two steps wait, queued with its reason on the canvas and in the monitor', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(server.url);
  await nav(page, 'Resources');
  await page.getByRole('button', { name: 'Add resource' }).click();
  const form = page.getByRole('form', { name: 'Add a resource' });
  await form.getByRole('textbox', { name: 'Id' }).fill('e2e-lock');
  await form.getByRole('spinbutton', { name: 'Capacity' }).fill('1');
  await form.getByRole('textbox', { name: 'Unit' }).fill('slot');
  await form.getByRole('button', { name: 'Add resource' }).click();
  const row = page.locator('[data-resource="e2e-lock"]');
  await expect(row).toContainText('1 slot');

  await nav(page, 'Projects');
  await page.getByRole('button', { name: /^exclusive\b/ }).first().click();
  await expect(page.locator('[data-step="first"]')).toBeVisible();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const queued = page.locator('[data-step][data-status="queued"]');
  await expect(queued).toHaveCount(1);
  await expect(page.locator('[data-step][data-status="running"]')).toHaveCount(1);
  await expect(queued.locator('[data-reason]')).toContainText(/e2e-lock/);
  const waitingStep = await queued.getAttribute('data-step');
  await shot(page, 'queued-canvas-light');

  await nav(page, 'Resources');
  const waiting = row.getByRole('list', { name: 'Waiting for e2e-lock' });
  await expect(waiting).toContainText(waitingStep!);
  await expect(waiting).toContainText(/e2e-lock/);
  await expect(row.getByRole('list', { name: 'Allocations of e2e-lock' })).toContainText(/first|second/);
  await expect(page.getByRole('table', { name: 'Running steps' })).toBeVisible();
  await shot(page, 'monitor-waiting-light', { fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, 'monitor-waiting-dark', { fullPage: true });
  // Once the first step ends the other takes the resource: nothing waits any more.
  await expect(row.locator('[data-waiting-step]')).toHaveCount(0, { timeout: 20_000 });
  // The engine refuses to remove a resource while a step holds it: wait for the second step to end.
  await expect(row.getByRole('list', { name: 'Allocations of e2e-lock' }).getByRole('listitem')).toHaveCount(0, { timeout: 20_000 });

  await page.getByRole('button', { name: 'Edit e2e-lock' }).click();
  await page.getByRole('form', { name: 'Edit e2e-lock' }).getByRole('spinbutton', { name: 'Capacity' }).fill('2');
  await page.getByRole('button', { name: 'Save resource' }).click();
  await expect(row).toContainText('2 slot');
  await expect(page.getByRole('button', { name: /Edit (cpu|memory)/ })).toHaveCount(0);
  await page.getByRole('button', { name: 'Remove e2e-lock' }).click();
  await expect(row).toHaveCount(0);
});

test("the monitor counts a step's whole process tree: a timeout-wrapped busy loop shows its CPU and both processes", async ({ page }) => {
  await page.goto(server.url);
  await page.getByRole('button', { name: /^spin\b/ }).first().click();
  await expect(page.locator('[data-step="spin"]')).toBeVisible();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.locator('[data-step="spin"]')).toHaveAttribute('data-status', 'running');
  await nav(page, 'Resources');
  const row = page.locator('[data-step-usage="spin"]');
  await expect(row).toBeVisible({ timeout: 15_000 });
  // `timeout` and the shell it runs: two processes at least, the loop's CPU counted (a loaded machine gives it less
  // than a whole core, but never nothing: how much is the machine's, not a behaviour to assert).
  await expect.poll(async () => numberIn(await row.locator('td').nth(4).textContent()), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
  await expect.poll(async () => numberIn(await row.locator('td').nth(2).textContent()), { timeout: 15_000 }).toBeGreaterThan(0);
  await shot(page, 'monitor-spin', { fullPage: true });
  await page.getByRole('button', { name: 'Open the run of spin' }).click();
  await page.getByRole('button', { name: /Cancel run/ }).first().click();
  await expect(page.locator('[data-step="spin"]')).toHaveAttribute('data-status', /cancelled|failed/, { timeout: 15_000 });
});
