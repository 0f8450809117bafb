// Issue 17, running part of a workflow in the app: a step's context menu runs it alone with the outputs of the latest
// successful run (one process, counted in a file), the run view shows the others `not selected`; refused when no
// earlier run can feed it, before anything runs.
import { expect, test, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { watchPage } from './app-dialogs.js';
import { shoot, SIZES } from './app-page.js';
import { serve, type Served } from './serve.js';

let server: Served;

test.beforeEach(async () => {
  server = await serve('partial-project');
});

test.afterEach(async () => {
  await server.stop();
});

const node = (page: Page, step: string) => page.locator(`[data-step="${step}"]`);
const ran = (file: string): string[] => readFileSync(join(server.project, file), 'utf8').split('\n').filter(Boolean);

async function openWorkflow(page: Page, name: string, step: string): Promise<void> {
  await page.goto(server.url);
  await page.getByRole('button', { name: new RegExp(`^${name}\\b`) }).first().click();
  await expect(node(page, step)).toBeVisible();
}

test('"Run this step only" on the third step of a chain runs one process with the earlier run\'s outputs; the others show not selected', async ({ page }) => {
  const watch = watchPage(page);
  // The earlier run, from a terminal on the same data folder: the app finds it as the latest successful run.
  const file = join(server.project, '.codomyrmex', 'workflows', 'chain.yaml');
  const earlier = spawnSync(process.execPath, ['bin/codomyrmex.js', 'run', file, '--json'], { env: { ...process.env, CODOMYRMEX_HOME: server.home }, encoding: 'utf8' });
  expect(earlier.status, earlier.stderr).toBe(0);
  const earlierId = (JSON.parse(earlier.stdout) as { executionId: string }).executionId;
  expect(ran('ran.log')).toEqual(['fetch', 'build', 'report']);

  await openWorkflow(page, 'chain', 'report');
  const menu = page.getByRole('menu', { name: 'Step report' });
  // Resizing the window closes the menu, as a native one: opened afresh at each size, kept inside the window.
  for (const size of [...SIZES].reverse()) {
    await page.setViewportSize(size);
    await node(page, 'report').click({ button: 'right' });
    await expect(menu).toBeVisible();
    await expect(menu.getByRole('menuitem')).toHaveText([/Run this step only/, /Run from here/, /Run up to here/, /Group selected steps/, /Convert to subflow/]);
    const box = (await menu.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(size.width);
    expect(box.y + box.height).toBeLessThanOrEqual(size.height);
    await page.screenshot({ path: `test-results/e2e/screenshots/partial-context-menu-${size.width}x${size.height}.png` });
  }
  // Escape closes it; the keyboard opens it again on the focused step.
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  // The focusable step is React Flow's node around the step's face (Tab reaches it).
  await page.locator('.react-flow__node[data-id="report"]').focus();
  await page.keyboard.press('Shift+F10');
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitem', { name: 'Run this step only' })).toBeFocused();
  await menu.getByRole('menuitem', { name: 'Run this step only' }).click();

  // Told which run the inputs come from before it starts.
  const dialog = page.getByRole('dialog', { name: 'Run this step only: report' });
  await expect(dialog).toContainText(`1 of 3 steps run, the others are not selected; the outputs of "build" come from run ${earlierId}`);
  await shoot(page, 'partial-confirm');
  await dialog.getByRole('button', { name: 'Run' }).click();

  await page.getByRole('button', { name: 'Open run' }).click();
  const detail = page.locator('.run-detail');
  await expect(detail).toHaveAttribute('data-run-status', 'completed');
  await expect(node(page, 'report')).toHaveAttribute('data-status', 'succeeded');
  await expect(node(page, 'fetch')).toHaveAttribute('data-status', 'not-selected');
  await expect(node(page, 'build')).toHaveAttribute('data-status', 'not-selected');
  await expect(node(page, 'build')).toContainText(`outputs from run ${earlierId.slice(0, 8)}`);
  await expect(node(page, 'fetch')).toContainText('not selected');
  const progress = page.getByRole('status', { name: 'Run progress' });
  await expect(progress).toContainText('1 of 1 selected steps done');
  await expect(progress).toContainText(`Run this step only: report · outputs from run ${earlierId.slice(0, 8)}`);
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await expect(timeline.getByRole('button', { name: 'fetch: not selected' })).toBeVisible();
  await expect(timeline.locator('.timeline__bar')).toHaveCount(1);
  // One process ran: report, reading the earlier run's artifact.
  expect(ran('ran.log')).toEqual(['fetch', 'build', 'report', 'report']);
  await node(page, 'report').click();
  await expect(page.getByRole('log', { name: 'Output of report' })).toContainText('reported built(fetched-1)');
  await shoot(page, 'partial-run-view');
  expect(watch.problems).toEqual([]);
});

test('running part of a workflow no earlier run can feed is refused before anything runs, naming the step and its input', async ({ page }) => {
  await openWorkflow(page, 'fresh', 'two');
  await node(page, 'two').click();
  await shoot(page, 'partial-inspector');
  // The step panel offers the same three.
  await page.getByRole('group', { name: 'Run part of the workflow around two' }).getByRole('button', { name: 'Run from here' }).click();
  await expect(page.getByText('Run from here "two" cannot start: step "two", field selection: needs the outputs of "one", which no earlier successful run of fresh has')).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect(existsSync(join(server.project, 'fresh.log'))).toBe(false);

  // Up to here needs nothing earlier: it runs both.
  await node(page, 'two').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Run up to here' }).click();
  await expect(page.getByRole('dialog', { name: 'Run up to here: two' })).toContainText('2 of 2 steps run, the others are not selected; nothing is read from an earlier run');
  await page.getByRole('dialog').getByRole('button', { name: 'Run' }).click();
  await expect.poll(() => existsSync(join(server.project, 'fresh.log')) && ran('fresh.log').length).toBe(2);
});
