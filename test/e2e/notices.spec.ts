// Notices in browser mode: information leaves by itself, errors stay as one counted stack, and neither covers the
// inspector or a table; "Open folder" on a machine without a display says why and shows the path to copy.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { watchPage } from './app-dialogs.js';
import { boxOf, overlap, shot, SIZES } from './app-page.js';
import { serve, type Served } from './serve.js';

let server: Served;

test.afterEach(async () => {
  await server.stop();
});

/** True when the two boxes share any area. */
async function overlaps(a: Locator, b: Locator): Promise<boolean> {
  return overlap(await boxOf(a), await boxOf(b));
}

/** With the "Add folder" form open (a refused folder leaves it open), asks for `path`. */
async function addMissingFolder(page: Page, path: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Folder' }).fill(path);
  await page.getByRole('button', { name: 'Add project' }).click();
}

test('information leaves by itself; errors stay as one stack with a count; neither covers the inspector or a table', async ({ page }) => {
  server = await serve();
  const watch = watchPage(page);
  await page.goto(server.url);
  await page.getByRole('button', { name: /^diamond\b/ }).first().click();
  await expect(page.locator('[data-step]').first()).toBeVisible();

  // A change on disk to the clean, open workflow reloads it with a piece of information.
  const file = join(server.project, '.codomyrmex', 'workflows', 'diamond.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace('Fan out, fan in', 'Fan out, fan in again'));
  const info = page.getByRole('status').filter({ hasText: 'diamond changed on disk and was reloaded' });
  await expect(info).toBeVisible();
  await page.locator('.react-flow__node[data-id="left"]').click();
  const inspector = page.getByRole('complementary', { name: 'Inspector: left' });
  await expect(inspector).toBeVisible();
  for (const { width, height } of SIZES) {
    await page.setViewportSize({ width, height });
    expect(await overlaps(info, inspector), `info over the inspector at ${width}×${height}`).toBe(false);
    await shot(page, `toast-info-editor-${width}`);
  }
  await expect(info).toBeHidden({ timeout: 8_000 });

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Projects' }).click();
  await page.getByRole('button', { name: 'Add folder' }).click();
  await addMissingFolder(page, '/no/such/folder-one');
  await addMissingFolder(page, '/no/such/folder-two');
  await addMissingFolder(page, '/no/such/folder-one');
  const stack = page.getByRole('region', { name: 'Errors (2)' });
  await expect(stack).toContainText('2 errors');
  await expect(stack.getByRole('alert')).toHaveCount(1);
  await expect(stack.getByRole('alert')).toContainText('/no/such/folder-two');
  await stack.getByRole('button', { name: 'Show all (1 older)' }).click();
  await expect(stack.getByRole('alert')).toHaveCount(2);
  await expect(stack.getByRole('alert').filter({ hasText: '/no/such/folder-one' })).toContainText('×2');

  // Errors stay until closed, over any view: here beside the runs table and the resources tables.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Resources' }).click();
  const table = page.getByRole('table', { name: 'Declared resources' });
  await expect(table).toBeVisible();
  await page.waitForTimeout(6_000);
  await expect(stack.getByRole('alert')).toHaveCount(2);
  for (const { width, height } of SIZES) {
    await page.setViewportSize({ width, height });
    expect(await overlaps(stack, table), `errors over the resources table at ${width}×${height}`).toBe(false);
    await shot(page, `toast-errors-resources-${width}`);
  }
  await stack.getByRole('button', { name: 'Dismiss all' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
  // The refused folders were this test's doing; nothing else may have gone wrong.
  expect(watch.problems.filter((problem) => !problem.includes('/no/such/folder'))).toEqual([]);
});

test('"Open folder" on a machine with no display says why and shows the path to copy', async ({ page, context }) => {
  server = await serve('e2e-project', { env: { DISPLAY: '', WAYLAND_DISPLAY: '' } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const watch = watchPage(page);
  await page.goto(server.url);
  await page.getByRole('button', { name: 'Open folder' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Cannot open the folder here' });
  await expect(dialog).toContainText('has no graphical session (DISPLAY and WAYLAND_DISPLAY are unset)');
  await expect(dialog.getByRole('textbox')).toHaveValue(server.project);
  await dialog.getByRole('button', { name: 'Copy' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Copied to the clipboard.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(server.project);
  for (const { width, height } of SIZES) {
    await page.setViewportSize({ width, height });
    await shot(page, `dialog-open-folder-${width}`);
  }
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole('button', { name: 'Open in terminal' }).first().click();
  await expect(page.getByRole('dialog', { name: 'Cannot open a terminal here' }).getByRole('textbox')).toHaveValue(server.project);
  expect(watch.problems).toEqual([]);
});
