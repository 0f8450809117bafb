// Issue 6 end to end, the Projects dashboard: a project from each built-in template through the New project dialog,
// one of its workflows run from its card to success, the card updated with the run; the project page's charts.
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { card, shot } from './app-page.js';
import { serve, type Served } from './serve.js';

let server: Served;
let parent: string;

test.beforeEach(async () => {
  server = await serve('e2e-project');
  parent = mkdtempSync(join(tmpdir(), 'codomyrmex-e2e-parent-'));
});

test.afterEach(async () => {
  await server.stop();
  rmSync(parent, { recursive: true, force: true });
});

async function createProject(page: Page, template: string, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Projects' }).click();
  const allProjects = page.getByRole('button', { name: '← All projects' });
  if (await allProjects.isVisible()) await allProjects.click();
  await page.getByRole('button', { name: 'New project' }).click();
  const dialog = page.getByRole('dialog', { name: 'New project' });
  await dialog.getByRole('radio', { name: new RegExp(`^${template}`) }).check();
  await dialog.getByRole('textbox', { name: 'Project name' }).fill(name);
  await dialog.getByRole('textbox', { name: 'Parent folder' }).fill(parent);
  await dialog.getByRole('button', { name: 'Create project' }).click();
  await expect(dialog).toBeHidden();
  // The new project opens on its page.
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await page.getByRole('button', { name: '← All projects' }).click();
}

const TEMPLATES = [
  { template: 'web_application', workflow: 'ci' },
  { template: 'data_pipeline', workflow: 'etl' },
  { template: 'ai_analysis', workflow: 'analysis' },
  { template: 'node_package', workflow: 'docs' },
];

test('a project from each built-in template runs one of its workflows to success from its card, and the card updates', async ({ page }) => {
  test.setTimeout(180_000);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(server.url);
  await expect(page.locator('[data-project]').first()).toBeVisible();
  const dialogShot = async (): Promise<void> => {
    await page.getByRole('button', { name: 'New project' }).click();
    const dialog = page.getByRole('dialog', { name: 'New project' });
    for (const { template } of TEMPLATES) await expect(dialog).toContainText(template);
    await expect(dialog).toContainText('etl');
    await shot(page, 'new-project-dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  };
  await dialogShot();
  for (const { template, workflow } of TEMPLATES) {
    const name = `from-${template.replace(/_/g, '-')}`;
    await createProject(page, template, name);
    const project = card(page, name);
    await expect(project).toBeVisible();
    await expect(project).toContainText(join(parent, name));
    const row = project.locator(`[data-workflow="${workflow}"]`);
    await expect(row.locator('.health-row__last')).toContainText('never run');
    await row.getByRole('button', { name: `Run ${workflow}` }).click();
    await expect(row.locator('.health-row__last')).toHaveAttribute('data-last-status', 'completed', { timeout: 60_000 });
    await expect(row.locator('.health-row__last')).toContainText(/completed\s*\d/);
    await expect(project.locator('[data-figure="success-rate"]')).toHaveText('100%');
    await expect(project.locator('.sparkline canvas')).toHaveCount(1);
  }
  await shot(page, 'dashboard-light', { fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, 'dashboard-dark', { fullPage: true });
});

test('a card\'s status is editable, its page shows runs and history charts, and a missing folder stays with Forget', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(server.url);
  await createProject(page, 'data_pipeline', 'pipeline');
  const project = card(page, 'pipeline');
  await project.getByRole('combobox', { name: 'Status of pipeline' }).selectOption('paused');
  await page.reload();
  await expect(card(page, 'pipeline').getByRole('combobox', { name: 'Status of pipeline' })).toHaveValue('paused');
  for (const workflow of ['etl', 'quality']) {
    await card(page, 'pipeline').getByRole('button', { name: `Run ${workflow}` }).click();
    await expect(card(page, 'pipeline').locator(`[data-workflow="${workflow}"] .health-row__last`)).toHaveAttribute('data-last-status', 'completed', { timeout: 60_000 });
  }
  await card(page, 'pipeline').getByRole('button', { name: 'pipeline', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'pipeline' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Runs of pipeline' }).getByRole('button')).toHaveCount(2);
  await expect(page.getByRole('img', { name: /Runs per day by status/ }).locator('canvas')).toHaveCount(1);
  await expect(page.getByRole('img', { name: /one series per workflow: etl, quality/ }).locator('canvas')).toHaveCount(1);
  await shot(page, 'project-page-light', { fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, 'project-page-dark', { fullPage: true });

  await page.getByRole('button', { name: '← All projects' }).click();
  rmSync(join(parent, 'pipeline'), { recursive: true, force: true });
  await page.reload();
  const missing = card(page, 'pipeline');
  await expect(missing).toHaveAttribute('data-missing', 'true');
  await expect(missing).toContainText('missing');
  await missing.getByRole('button', { name: 'Forget pipeline' }).click();
  await page.getByRole('dialog', { name: 'Forget "pipeline"?' }).getByRole('button', { name: 'Forget project' }).click();
  await expect(missing).toBeHidden();
  await expect(page.getByRole('status')).toContainText('files are untouched');
});
