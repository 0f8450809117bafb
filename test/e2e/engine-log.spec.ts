// Issue 13 end to end: the engine's log in the app — a run's info records show in the Engine log view, CLI runs
// sharing the data folder appear while it is open, and filtering to warning leaves only warnings and worse.
import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { BIN } from '../cli.js';
import { watchPage } from './app-dialogs.js';
import { shoot } from './app-page.js';
import { serve, type Served } from './serve.js';

let server: Served;

test.beforeEach(async () => {
  server = await serve('e2e-project');
});

test.afterEach(async () => {
  await server.stop();
});

test('a run’s records show in the Engine log; filtering to warning hides the info ones and keeps the failure', async ({ page }) => {
  const { problems: errors } = watchPage(page);
  await page.goto(server.url);
  await page.getByRole('button', { name: /^diamond\b/ }).first().click();
  await expect(page.locator('[data-step="prepare"]')).toBeVisible();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.getByRole('button', { name: 'Open run' }).click();
  await expect(page.locator('.run-detail')).toHaveAttribute('data-run-status', 'completed');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Engine log' }).click();
  const records = page.getByRole('log', { name: 'Engine log records' });
  const finished = records.locator('[data-level="info"]', { hasText: 'run finished' });
  await expect(finished).toContainText('diamond');
  // The run's project (serve registers its folder under the folder's name) leads its records' names.
  await expect(finished).toContainText(`${basename(server.project)} › diamond`);
  await expect(finished).toContainText('status=completed');
  await expect(records.locator('[data-level="info"]', { hasText: 'step finished' }).filter({ hasText: 'diamond › join' })).toHaveCount(1);

  // A CLI run in the same data folder, made while the view is open, is followed in: its failure is an error record.
  const failing = join(server.project, 'failing.yaml');
  writeFileSync(failing, 'version: 1\nname: failing\nsteps:\n  - { name: boom, module: shell, action: run, parameters: { command: "exit 3" } }\n');
  const cli = spawnSync(process.execPath, [BIN, 'run', failing], { env: { ...process.env, CODOMYRMEX_HOME: server.home }, encoding: 'utf8' });
  expect(cli.status, cli.stderr).toBe(1);
  const failed = records.locator('[data-level="error"]', { hasText: 'step failed' });
  await expect(failed).toContainText('failing › boom');
  await expect(failed).toContainText('exitCode=3');
  await shoot(page, 'engine-log');

  await page.getByLabel('Level').selectOption('warning');
  await expect(records.locator('[data-level="info"]')).toHaveCount(0);
  await expect(failed).toBeVisible();
  await expect(page.getByText(/^\d+ of \d+ records/)).toBeVisible();
  await shoot(page, 'engine-log-warning');

  await page.getByLabel('Level').selectOption('info');
  await page.getByRole('searchbox', { name: 'Search the engine log' }).fill('diamond › left');
  // At info a step is one record: its end (its start is logged at debug).
  await expect(records.locator('.engine-log__row')).toHaveCount(1);
  await expect(records.locator('.engine-log__row').first()).toContainText('step finished');
  expect(errors).toEqual([]);
});
