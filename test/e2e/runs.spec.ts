// Issue 5 end to end: live statuses and attempts, live logs, cancel a step (its process is gone), re-run from failed,
// a reload mid-run, a server killed mid-run then resumed, and sessions.
import { expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isAlive } from '../../electron/engine/processes/process-liveness.js';
import { openWorkflow, shot, step as node } from './app-page.js';
import { serve, type Served } from './serve.js';

let server: Served;
const others: Served[] = [];

test.beforeEach(async () => {
  server = await serve('runs-project');
});

test.afterEach(async () => {
  for (const other of others.splice(0)) await other.stop();
  await server.stop();
});

async function runWorkflow(page: Page, name: string): Promise<void> {
  await openWorkflow(page, server, name);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.getByRole('button', { name: 'Open run' }).click();
  await expect(page.locator('.run-detail')).toBeVisible();
}

function hexToRgb(hex: string): string {
  const value = Number.parseInt(hex.trim().slice(1), 16);
  return `rgb(${value >> 16}, ${(value >> 8) & 255}, ${value & 255})`;
}

test('a run shows statuses and attempts change live, a step\'s coloured log, and re-runs from failed keeping what succeeded', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await runWorkflow(page, 'live');
  const flaky = node(page, 'flaky');
  await expect(flaky).toHaveAttribute('data-status', 'retrying');
  await expect(flaky).toContainText('attempt 1/3');
  await expect(flaky).toHaveAttribute('data-status', 'succeeded');
  await expect(flaky).toContainText('attempt 2/3');
  // Succeeded after a retry: the attempt count is not drawn in the warning (retrying) colour.
  const colours = await flaky.evaluate((el) => ({ attempt: getComputedStyle(el.querySelector('.step-node__attempt')!).color, warning: getComputedStyle(el).getPropertyValue('--status-retrying') }));
  expect(colours.attempt).not.toBe(hexToRgb(colours.warning));
  await expect(node(page, 'broken')).toHaveAttribute('data-status', 'failed');
  await expect(node(page, 'after-broken')).toHaveAttribute('data-status', 'skipped');

  await node(page, 'chatty').click();
  const log = page.getByRole('log', { name: 'Output of chatty' });
  await expect(log).toContainText('chatty-done');
  await expect(log.locator('.ansi-green-fg').last()).toContainText('line');
  // Virtualised: far fewer lines in the DOM than the step printed.
  expect(await log.locator('.log-line').count()).toBeLessThan(200);
  await page.getByRole('searchbox', { name: 'Search the log' }).fill('line 150 ');
  await page.getByRole('button', { name: 'Next match' }).click();
  await expect(page.locator('.log-toolbar__count')).toHaveText('1 of 1');
  await expect(log.locator('mark.log-mark--current')).toHaveText('line 150 ');
  await expect(page.locator('.run-detail')).toHaveAttribute('data-run-status', 'failed');
  await expect(page.getByRole('region', { name: 'Timeline' }).locator('.timeline__bar[data-retried]')).toHaveCount(1);
  await shot(page, 'run-live-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, 'run-live-dark');

  const firstRun = await page.locator('.run-detail').getAttribute('data-execution');
  writeFileSync(join(server.project, 'fixed.marker'), '');
  await page.getByRole('button', { name: 'Re-run from failed' }).click();
  await expect(page.locator('.run-detail')).not.toHaveAttribute('data-execution', firstRun!);
  await expect(page.locator('.run-detail')).toHaveAttribute('data-run-status', 'completed');
  for (const step of ['setup', 'flaky', 'chatty', 'broken', 'after-broken']) await expect(node(page, step)).toHaveAttribute('data-status', 'succeeded');
  // Kept, not re-run: drawn as reused from the first run (no duration, no bar on the timeline), with its outputs.
  for (const step of ['setup', 'flaky', 'chatty']) {
    await expect(node(page, step)).toHaveAttribute('data-reused', firstRun!);
    await expect(node(page, step)).toContainText(`reused from run ${firstRun!.slice(0, 8)}`);
  }
  for (const step of ['broken', 'after-broken']) await expect(node(page, step)).not.toHaveAttribute('data-reused');
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await expect(timeline.getByRole('button', { name: `setup: reused from run ${firstRun!.slice(0, 8)}` })).toBeVisible();
  await expect(timeline.locator('.timeline__bar')).toHaveCount(2);
  await node(page, 'setup').click();
  const panel = page.getByRole('complementary', { name: 'Step setup' });
  await expect(panel).toContainText('built = yes');
  await expect(panel).toContainText(`not run again: kept from run ${firstRun!.slice(0, 8)}`);
  await page.setViewportSize({ width: 1440, height: 900 });
  await shot(page, 'run-rerun-reused-1440');
  await page.setViewportSize({ width: 1024, height: 700 });
  await shot(page, 'run-rerun-reused-1024');
  await expect(page.getByRole('tab')).toHaveCount(3);
});

test('cancelling the long step kills its process, skips its dependent, and the run ends cancelled, saying why', async ({ page }) => {
  await runWorkflow(page, 'long');
  await expect(node(page, 'long')).toHaveAttribute('data-status', 'running');
  const pidFile = join(server.project, 'long.pid');
  await expect.poll(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim() !== '').toBe(true);
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  expect(isAlive(pid)).toBe(true);
  await node(page, 'long').click();
  await expect(page.getByRole('log', { name: 'Output of long' })).toContainText('started long');
  await page.getByRole('button', { name: 'Cancel step' }).click();
  await expect(node(page, 'long')).toHaveAttribute('data-status', 'cancelled');
  await expect.poll(() => isAlive(pid)).toBe(false);
  await expect(node(page, 'quick')).toHaveAttribute('data-status', 'succeeded');
  await expect(node(page, 'after-long')).toHaveAttribute('data-status', 'skipped');
  await expect(page.locator('.run-detail')).toHaveAttribute('data-run-status', 'cancelled');
  // A skipped step's log says it never ran, not that it has yet to start.
  await node(page, 'after-long').click();
  await expect(page.getByRole('log', { name: 'Output of after-long' })).toHaveText('It did not run: no output.');
  await node(page, 'long').click();
  await expect(page.getByRole('note').filter({ hasText: 'Ended cancelled' })).toHaveText('Ended cancelled: step "long" was cancelled and no step failed');
  await shot(page, 'run-cancelled-step');
});

test('a page reloaded mid-run finds the run still live and watches it finish', async ({ page }) => {
  await runWorkflow(page, 'slow');
  await expect(node(page, 'wait')).toHaveAttribute('data-status', 'running');
  await page.reload();
  await page.getByRole('button', { name: 'Runs' }).click();
  await expect(page.getByRole('list', { name: 'Run history' }).locator('[data-run-status="running"]')).toHaveCount(1);
  await page.getByRole('list', { name: 'Run history' }).locator('[data-run-status="running"]').click();
  await expect(node(page, 'wait')).toHaveAttribute('data-status', 'running');
  await expect(node(page, 'last')).toHaveAttribute('data-status', 'succeeded', { timeout: 20_000 });
  await expect(page).not.toHaveTitle(/^\(\d+\)/);
});

test('a server killed mid-run comes back with the run interrupted, finished steps intact, and resumes it', async ({ page }) => {
  await runWorkflow(page, 'slow');
  await expect(node(page, 'first')).toHaveAttribute('data-status', 'succeeded');
  await expect(node(page, 'wait')).toHaveAttribute('data-status', 'running');
  await expect(page).toHaveTitle(/^\(1\) /);
  await server.kill();
  const restarted = await server.restart();
  others.push(restarted);
  await page.goto(restarted.url);
  await page.getByRole('button', { name: 'Runs' }).click();
  const row = page.getByRole('list', { name: 'Run history' }).locator('[data-run-status="interrupted"]');
  await expect(row).toHaveCount(1);
  await row.click();
  await expect(node(page, 'first')).toHaveAttribute('data-status', 'succeeded');
  await expect(node(page, 'wait')).not.toHaveAttribute('data-status', 'succeeded');
  await shot(page, 'run-interrupted');
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(page.locator('.run-detail')).toHaveAttribute('data-run-status', 'completed', { timeout: 20_000 });
  for (const step of ['first', 'wait', 'last']) await expect(node(page, step)).toHaveAttribute('data-status', 'succeeded');
});

test('after a restart on damaged data: the damaged run is marked in history, the broken settings file is named in a notice', async ({ page }) => {
  await page.goto(server.url);
  await expect(page.getByRole('navigation')).toBeVisible();
  await server.kill();
  const file = join(server.project, '.codomyrmex', 'workflows', 'tiny.yaml');
  writeFileSync(file, 'version: 1\nname: tiny\nsteps:\n  - { name: one, module: control, action: noop }\n');
  const env = { ...process.env, CODOMYRMEX_HOME: server.home };
  for (let i = 0; i < 2; i++) expect(spawnSync(process.execPath, ['bin/codomyrmex.js', 'run', file], { env }).status).toBe(0);
  const db = new Database(join(server.home, 'orchestrator.db'));
  db.prepare(`UPDATE executions SET params = '{"oops' WHERE rowid = (SELECT min(rowid) FROM executions)`).run();
  db.close();
  writeFileSync(join(server.home, 'settings.json'), '{ "resources": [ { "id": "gpu", "capacity": 1 } ]');
  const restarted = await server.restart();
  others.push(restarted);
  await page.goto(restarted.url);
  await expect(page.getByRole('alert').filter({ hasText: 'settings.json is not valid JSON' })).toBeVisible();
  await page.getByRole('button', { name: 'Runs' }).click();
  const rows = page.getByRole('list', { name: 'Run history' }).locator('.run-row[data-execution]');
  await expect(rows).toHaveCount(2);
  await expect(rows.and(page.locator('[data-damaged]'))).toHaveCount(1);
  await expect(page.getByRole('button', { name: /^tiny of .*, completed, damaged record/ })).toBeVisible();
  await page.setViewportSize({ width: 1440, height: 900 });
  await shot(page, 'history-damaged-1440');
  await page.setViewportSize({ width: 1024, height: 700 });
  await shot(page, 'history-damaged-1024');
  await page.getByRole('button', { name: /^tiny of .*, completed, damaged record/ }).click();
  await expect(page.getByRole('note').filter({ hasText: 'stored record is damaged' })).toContainText('params is not valid JSON');
});

test('a session is created, renamed and made current; a run started in it is listed in it', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(server.url);
  await page.getByRole('button', { name: 'Sessions' }).click();
  await page.getByLabel('Session name', { exact: true }).first().fill('release prep');
  // A new session applies to any project's runs unless one is picked: a session bound to the project open last would
  // not apply to the Run buttons of the others.
  await expect(page.getByRole('combobox', { name: 'Project of the new session' }).locator('option:checked')).toHaveText('any project');
  await page.getByRole('button', { name: 'Create session' }).click();
  await expect(page.getByRole('combobox', { name: 'Current session' })).toHaveValue(/.+/);
  const editor = page.getByRole('region', { name: 'Session release prep' });
  await editor.getByRole('textbox', { name: 'Session name' }).fill('nightly');
  await editor.getByRole('button', { name: 'Rename' }).click();
  await expect(page.getByRole('combobox', { name: 'Current session' }).locator('option:checked')).toHaveText(/^nightly · /);

  await page.getByRole('button', { name: 'Projects' }).click();
  await page.getByRole('button', { name: /^long\b/ }).first().click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(node(page, 'quick')).toHaveAttribute('data-status', 'succeeded');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Current session' }).locator('option:checked')).toHaveText(/^nightly · /);
  await page.getByRole('button', { name: 'Sessions' }).click();
  await expect(page.getByRole('list', { name: 'Runs in this session' }).getByRole('button')).toHaveCount(1);
  // Whose run it is: a session for any project holds runs of several.
  await expect(page.getByRole('list', { name: 'Runs in this session' })).toContainText(/long · \S+/);
  await shot(page, 'sessions-dark');
});
