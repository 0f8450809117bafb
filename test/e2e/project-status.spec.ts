// Issue 13 end to end: on a project's page the user lets its status follow its runs with a health check; a failing
// health-check run sets the project failed, with the reason on the page and a notice; a passing one sets it back.
import { expect, test } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { watchPage } from './app-dialogs.js';
import { shoot, SIZES } from './app-page.js';
import { serve, type Served } from './serve.js';

let server: Served;
let errors: string[];

test.beforeEach(async ({ page }) => {
  server = await serve('vitals-project', { named: true });
  errors = watchPage(page).problems;
});

test.afterEach(async () => {
  await server.stop();
  expect(errors, 'no console error').toEqual([]);
});

test('a project whose status follows its runs goes active, then failed after a failing health check, then back', async ({ page }) => {
  await page.setViewportSize(SIZES[0]!);
  await page.goto(server.url);
  const card = page.getByRole('article', { name: 'vitals' });
  await card.getByRole('combobox', { name: 'Status of vitals' }).selectOption('completed');
  await card.getByRole('button', { name: 'vitals', exact: true }).click();

  const status = page.getByRole('status', { name: /^Project status:/ });
  await expect(status).toHaveAttribute('data-status', 'completed');
  const follows = page.getByRole('checkbox', { name: 'Status follows runs' });
  await expect(follows).not.toBeChecked();
  await expect(page.getByText('Off: the status changes only when you set it.')).toBeVisible();

  await follows.check();
  const healthCheck = page.getByRole('combobox', { name: 'Health check' });
  await expect(healthCheck).toBeEnabled();
  await healthCheck.selectOption('health');
  await expect(page.getByText('Active while a run goes; then failed if the last run of health failed, else completed.')).toBeVisible();

  const rows = page.getByRole('list', { name: 'Workflows of vitals' });
  await rows.getByRole('button', { name: 'Run health' }).click();
  await expect(status).toHaveAttribute('data-status', 'active');
  await expect(status).toHaveAttribute('data-status', 'failed', { timeout: 15_000 });
  await expect(page.getByText(/Last set by runs: active → failed/)).toContainText('the last run of its health check "health" failed');
  await expect(page.getByLabel('Notices')).toContainText('project "vitals" is now failed (was active)');
  await shoot(page, 'project-status-failed');

  // Another workflow passing says nothing of health; the health check passing sets the project back to completed.
  await rows.getByRole('button', { name: 'Run build' }).click();
  await expect(rows.locator('[data-workflow="build"] [data-last-status]')).toHaveAttribute('data-last-status', 'completed', { timeout: 15_000 });
  await expect(status).toHaveAttribute('data-status', 'failed');
  writeFileSync(join(server.project, 'healthy'), '');
  await rows.getByRole('button', { name: 'Run health' }).click();
  await expect(status).toHaveAttribute('data-status', 'completed', { timeout: 15_000 });
  await expect(page.getByText(/Last set by runs: active → completed/)).toContainText('the last run of its health check "health" passed');
  await shoot(page, 'project-status-passed');
});
