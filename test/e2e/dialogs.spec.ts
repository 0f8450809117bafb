// The app's own dialogs in browser mode: "New workflow…" and "Save as…" refuse a taken or unsafe name inside the
// dialog, Escape cancels, and no native dialog or console error appears on the way.
import { expect, test } from '@playwright/test';
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { answerDiscard, answerName, watchPage } from './app-dialogs.js';
import { shoot, workflowFile } from './app-page.js';
import { serve, type Served } from './serve.js';

let server: Served;

test.beforeEach(async () => {
  server = await serve('editor-project');
});

test.afterEach(async () => {
  await server.stop();
});

test('"New workflow…" names the project and refuses a taken or unsafe name inside the dialog', async ({ page }) => {
  const watch = watchPage(page);
  const project = basename(server.project);
  await page.goto(server.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Editor' }).click();
  await page.getByRole('button', { name: 'New workflow…' }).click();

  const dialog = page.getByRole('dialog', { name: 'New workflow' });
  const field = dialog.getByRole('textbox', { name: 'Workflow name' });
  await expect(dialog).toContainText(`In project "${project}", as .codomyrmex/workflows/<name>.yaml`);
  await expect(field).toBeFocused();
  // Empty: said only once the user tries to submit it.
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await field.press('Enter');
  await expect(dialog.getByRole('alert')).toHaveText('Give the workflow a name.');

  await field.fill('chain');
  await expect(dialog.getByRole('alert')).toHaveText(`"${project}" already has a workflow named "chain": choose another name.`);
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await field.press('Enter');
  await expect(dialog).toBeVisible();
  await shoot(page, 'dialog-new-workflow-taken');

  await field.fill('nightly/build');
  await expect(dialog.getByRole('alert')).toHaveText('"/" cannot be in a workflow name (it becomes a file name): use letters, digits, "-", "_" or ".".');
  await field.fill('nightly');
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await field.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('● nightly');
  expect(watch.problems).toEqual([]);
});

test('"Save as…" offers "<name>-copy", refuses a taken name in the dialog, and writes the new file', async ({ page }) => {
  const watch = watchPage(page);
  await page.goto(server.url);
  await page.getByRole('button', { name: /^chain\b/ }).first().click();
  await expect(page.locator('[data-step]').first()).toBeVisible();

  await page.getByRole('button', { name: 'Save as…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save workflow as' });
  const field = dialog.getByRole('textbox', { name: 'Workflow name' });
  await expect(field).toHaveValue('chain-copy');
  await field.fill('commented');
  await expect(dialog.getByRole('alert')).toContainText('already has a workflow named "commented"');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeVisible();
  await shoot(page, 'dialog-save-as-taken');

  // Escape leaves without saving anything.
  await field.press('Escape');
  await expect(dialog).toBeHidden();
  expect(existsSync(workflowFile(server, 'chain-copy'))).toBe(false);

  await page.getByRole('button', { name: 'Save as…' }).click();
  await answerName(page, 'Save workflow as', 'chain-2');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('chain-2');
  await expect.poll(() => existsSync(workflowFile(server, 'chain-2'))).toBe(true);
  expect(watch.problems).toEqual([]);
});

test('the discard question is the app\'s own: it starts on Cancel, and Escape keeps the edits', async ({ page }) => {
  const watch = watchPage(page);
  await page.goto(server.url);
  await page.getByRole('button', { name: /^chain\b/ }).first().click();
  await page.locator('.react-flow__node[data-id="third"]').click();
  await page.keyboard.press('Delete');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Projects' }).click();
  await page.getByRole('button', { name: /^commented\b/ }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Discard unsaved changes?' });
  // Enter alone must never lose work: the question starts on Cancel.
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await shoot(page, 'dialog-discard');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('● chain');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Projects' }).click();
  await page.getByRole('button', { name: /^commented\b/ }).first().click();
  await answerDiscard(page, true);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('commented');
  expect(watch.problems).toEqual([]);
});
