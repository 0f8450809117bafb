// The editor header with a long project name: the name shows whole in the project's select at 1440×900; at 1024×700
// beside a run's summary it ends in an ellipsis (the workflow's name and the toolbar's one row keep their room), and
// the select's tooltip holds it whole.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { watchPage } from './app-dialogs.js';
import { onOneLine, openWorkflow, shot } from './app-page.js';
import { serve, type Served } from './serve.js';

const LONG = 'sample-project-for-the-quarterly-data-pipeline';

let server: Served;

test.beforeEach(async () => {
  server = await serve('cache-app-project', { folder: LONG });
});

test.afterEach(async () => {
  await server.stop();
});

/** True when the select is wide enough for its chosen option's whole text (beside its arrow). */
const showsWhole = (select: Locator): Promise<boolean> => select.evaluate((element: HTMLSelectElement) => {
  const style = getComputedStyle(element);
  const context = document.createElement('canvas').getContext('2d')!;
  context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  const text = context.measureText(element.selectedOptions[0]?.text ?? '').width;
  return text + Number.parseFloat(style.paddingLeft) + Number.parseFloat(style.paddingRight) + 16 <= element.clientWidth;
});

/** The distinct tops of the editor toolbar's buttons: one value when they share a row. */
const toolbarRows = async (page: Page): Promise<number[]> => [...new Set(await page.getByRole('toolbar', { name: 'Editor' }).getByRole('button')
  .evaluateAll((buttons) => buttons.map((button) => Math.round(button.getBoundingClientRect().top))))];

test('a long project name shows whole in the editor header, and beside a run at 1024×700 ends in an ellipsis with the whole name in its tooltip', async ({ page }) => {
  const watch = watchPage(page);
  await page.setViewportSize({ width: 1440, height: 900 });
  await openWorkflow(page, server, 'build');
  const select = page.getByRole('combobox', { name: 'Current project' });
  await expect(select.locator('option:checked')).toHaveText(LONG);
  await expect(select).toHaveAttribute('title', `${LONG}\nWorkflows are saved in ${server.project}`);
  expect(await showsWhole(select)).toBe(true);
  await shot(page, 'editor-header-long-project-1440x900');

  await page.setViewportSize({ width: 1024, height: 700 });
  expect(await showsWhole(select)).toBe(true);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Run status' })).toContainText('completed');
  // Beside the run's summary the name gives way, cut with an ellipsis; the workflow's name stays whole, on one row.
  expect(await showsWhole(select)).toBe(false);
  expect(await select.evaluate((element) => getComputedStyle(element).textOverflow)).toBe('ellipsis');
  await expect(select).toHaveAttribute('title', new RegExp(`^${LONG}\\n`));
  const title = page.getByRole('heading', { level: 1, name: 'build' });
  expect(await title.evaluate((element) => element.clientWidth > 0 && element.scrollWidth <= element.clientWidth)).toBe(true);
  expect(await onOneLine(page.locator('.editor-title'))).toBe(true);
  expect(await toolbarRows(page)).toHaveLength(1);
  await shot(page, 'editor-header-long-project-run-1024x700');
  expect(watch.problems).toEqual([]);
});
