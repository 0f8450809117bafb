// The editor's toolbar is one row at both window sizes we look at: at 1024×700 the layout buttons keep only their arrow
// (and their names) and Import/Export move under ⋯, from where they still work; at 1440×900 every label is spelled out.
// The header keeps the workflow's name whole beside a run's summary.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { watchPage } from './app-dialogs.js';
import { openWorkflow, shot } from './app-page.js';
import { serve, type Served } from './serve.js';

let server: Served;

test.beforeEach(async () => {
  server = await serve('cache-app-project');
});

test.afterEach(async () => {
  await server.stop();
});

const toolbar = (page: Page): Locator => page.getByRole('toolbar', { name: 'Editor' });

/** The distinct tops (rounded) of the toolbar's visible buttons: one value when they share a row. */
async function rows(page: Page): Promise<number[]> {
  const tops = await toolbar(page).getByRole('button').evaluateAll((buttons) => buttons.map((button) => Math.round(button.getBoundingClientRect().top)));
  return [...new Set(tops)];
}

test('the editor toolbar keeps to one row at 1024×700 with Import and Export under ⋯, and spells everything out at 1440×900', async ({ page }) => {
  const watch = watchPage(page);
  await page.setViewportSize({ width: 1024, height: 700 });
  await openWorkflow(page, server, 'build');
  expect(await rows(page)).toHaveLength(1);
  const layout = toolbar(page).getByRole('button', { name: 'Layout →' });
  await expect.poll(async () => (await layout.innerText()).replace(/\s+/g, ' ')).toBe('→');
  await expect(layout).toHaveAttribute('title', 'Auto-layout left to right (L toggles)');
  await expect(toolbar(page).getByRole('button', { name: 'Export YAML' })).toHaveCount(0);
  await shot(page, 'editor-toolbar-1024x700');

  await toolbar(page).getByRole('button', { name: 'More file commands' }).click();
  const menu = page.getByRole('menu', { name: 'File' });
  await expect(menu.getByRole('menuitem')).toHaveText([/^Import…/, /^Export YAML/, /^Export JSON/]);
  await shot(page, 'editor-toolbar-menu-1024x700');
  const download = page.waitForEvent('download');
  await menu.getByRole('menuitem', { name: 'Export YAML' }).click();
  expect((await download).suggestedFilename()).toBe('build.yaml');
  await expect(menu).toBeHidden();
  await toolbar(page).getByRole('button', { name: 'More file commands' }).click();
  const chooser = page.waitForEvent('filechooser');
  await menu.getByRole('menuitem', { name: 'Import…' }).click();
  await chooser;

  // With a run's summary beside Run, the workflow's name still shows whole: the project's select gives way first.
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Run status' })).toContainText('completed');
  const title = page.getByRole('heading', { level: 1, name: 'build' });
  expect(await title.evaluate((element) => element.clientWidth > 0 && element.scrollWidth <= element.clientWidth)).toBe(true);
  await shot(page, 'editor-header-run-1024x700');

  await page.setViewportSize({ width: 1440, height: 900 });
  expect(await rows(page)).toHaveLength(1);
  await expect.poll(async () => (await layout.innerText()).replace(/\s+/g, ' ')).toBe('Layout →');
  await expect(toolbar(page).getByRole('button', { name: 'Export YAML' })).toBeVisible();
  await expect(toolbar(page).getByRole('button', { name: 'More file commands' })).toBeHidden();
  await shot(page, 'editor-toolbar-1440x900');
  expect(watch.problems).toEqual([]);
});
