// Issue 12 end to end: runs made by `codomyrmex run` in a registered project's folder show on its dashboard card.
import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN } from '../cli.js';
import { shot } from './app-page.js';
import { serve, type Served } from './serve.js';

let server: Served;

test.beforeEach(async () => {
  server = await serve('e2e-project');
});

test.afterEach(async () => {
  await server.stop();
});

function cliRun(file: string): void {
  const result = spawnSync(process.execPath, [BIN, 'run', file], { env: { ...process.env, CODOMYRMEX_HOME: server.home }, encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
}

test('CLI runs of a registered project’s files, in its workflows folder or anywhere in it, show on its card', async ({ page }) => {
  mkdirSync(join(server.project, 'tools'));
  writeFileSync(join(server.project, 'tools', 'lint.yaml'), 'version: 1\nname: lint\nsteps:\n  - { name: check, module: shell, action: run, parameters: { command: "echo clean" } }\n');
  cliRun(join(server.project, '.codomyrmex', 'workflows', 'diamond.yaml'));
  cliRun(join(server.project, 'tools', 'lint.yaml'));

  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(server.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Projects' }).click();
  const card = page.locator('[data-project]').first();
  await expect(card.locator('[data-workflow="diamond"] [data-last-status]')).toHaveAttribute('data-last-status', 'completed');
  await expect(card.locator('[data-workflow="lint"] [data-last-status]')).toHaveAttribute('data-last-status', 'completed');
  await shot(page, 'cli-runs-on-card-1440');
  await page.setViewportSize({ width: 1024, height: 700 });
  await shot(page, 'cli-runs-on-card-1024');
});
