// Issue 10 end to end, "in the project the user means": two projects and a session — Run on the other project's card
// runs in that project's own folder; a new workflow goes to the project the editor's header shows; the Runs history
// names and filters by project; a project created from a template shows its page at once; no console error.
import { expect, test, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { card, nav, shoot, SIZES } from './app-page.js';
import { watchPage } from './app-dialogs.js';
import { serve, type Served } from './serve.js';

let server: Served;
let alpha: string;
let beta: string;
let watch: { problems: string[] };

test.beforeEach(async ({ page }) => {
  watch = watchPage(page);
  server = await serve('alpha-project', { others: ['beta-project'], named: true });
  alpha = server.project;
  beta = server.others[0]!;
});

test.afterEach(async ({ page }) => {
  // The page goes first: one left open on a stopped server retries its socket, which is no error of the views (a race
  // that failed this test under load).
  await page.close();
  await server.stop();
  expect(watch.problems, 'no console error (nor native dialog) on the views touched').toEqual([]);
});

const historyRows = (page: Page) => page.getByRole('list', { name: 'Run history' }).locator('.run-row:not(.run-row--head)');

/** Answers the app's own name dialog "New workflow…" opens; returns the dialog's text, which names the target project. */
async function newWorkflow(page: Page, open: () => Promise<void>, name: string): Promise<string> {
  await open();
  const dialog = page.getByRole('dialog', { name: 'New workflow' });
  await expect(dialog).toBeVisible();
  const text = await dialog.innerText();
  await dialog.getByRole('textbox', { name: 'Workflow name' }).fill(name);
  await dialog.getByRole('textbox', { name: 'Workflow name' }).press('Enter');
  await expect(dialog).toBeHidden();
  return text;
}

test("a run started from another project's card works in that project's folder, never the session's project's", async ({ page }) => {
  await page.setViewportSize(SIZES[0]!);
  await page.goto(server.url);
  await expect(card(page, 'beta')).toBeVisible();

  // A session bound to alpha becomes current.
  await nav(page, 'Sessions');
  await page.getByLabel('Session name', { exact: true }).first().fill('work-alpha');
  await page.getByRole('combobox', { name: 'Project of the new session' }).selectOption({ label: 'alpha' });
  await page.getByRole('button', { name: 'Create session' }).click();
  await expect(page.getByRole('combobox', { name: 'Current session' }).locator('option:checked')).toHaveText('work-alpha · alpha');

  // Run on beta's card: beta's workflow checks it runs in beta's folder (its marker is only there).
  await nav(page, 'Projects');
  const betaRow = card(page, 'beta').locator('[data-workflow="analysis"]');
  await betaRow.getByRole('button', { name: 'Run analysis' }).click();
  await expect(betaRow.locator('.health-row__last')).toHaveAttribute('data-last-status', 'completed', { timeout: 20_000 });
  expect(readFileSync(join(beta, 'ran-in.txt'), 'utf8').trim()).toBe(beta);
  expect(existsSync(join(alpha, 'ran-in.txt'))).toBe(false);
  await expect(page.getByText('Ran analysis of beta without the session "work-alpha": that session belongs to alpha.')).toBeVisible();

  // Alpha's own run goes in the session, in alpha's folder.
  const alphaRow = card(page, 'alpha').locator('[data-workflow="analysis"]');
  await alphaRow.getByRole('button', { name: 'Run analysis' }).click();
  await expect(alphaRow.locator('.health-row__last')).toHaveAttribute('data-last-status', 'completed', { timeout: 20_000 });
  expect(readFileSync(join(alpha, 'ran-in.txt'), 'utf8').trim()).toBe(alpha);

  // The history shows every project, naming each run's, and filters by project.
  await nav(page, 'Runs');
  const project = page.getByRole('group', { name: 'Filter runs' }).getByRole('combobox', { name: 'Project' });
  await expect(project.locator('option:checked')).toHaveText('All projects');
  await expect(historyRows(page)).toHaveCount(2);
  await expect(page.getByRole('button', { name: /^analysis of beta, completed/ })).toContainText('app');
  await expect(page.getByRole('button', { name: /^analysis of alpha, completed/ })).toContainText('app · session');
  await expect(page.locator('.run-row--head')).toContainText('Project');
  await shoot(page, 'projects-history');
  await project.selectOption({ label: 'beta' });
  await expect(historyRows(page)).toHaveCount(1);
  await expect(historyRows(page).first().locator('.run-row__project')).toHaveText('beta');
  await project.selectOption({ label: 'alpha' });
  await expect(historyRows(page)).toHaveCount(1);
  await expect(historyRows(page).first().locator('.run-row__project')).toHaveText('alpha');
  await project.selectOption({ label: 'All projects' });
  await expect(historyRows(page)).toHaveCount(2);
  await page.getByRole('button', { name: /^analysis of alpha, completed/ }).click();
  await expect(page.locator('.run-detail .view__title p')).toContainText(/^in alpha, started .* from app in session work-alpha$/);
});

test("a new workflow goes to the project the editor's header shows; its header never shows the last workflow's run", async ({ page }) => {
  await page.setViewportSize(SIZES[0]!);
  await page.goto(server.url);
  await expect(card(page, 'alpha')).toBeVisible();
  await card(page, 'alpha').getByRole('button', { name: 'analysis', exact: true }).click();
  const header = page.getByRole('combobox', { name: 'Current project' });
  await expect(header.locator('option:checked')).toHaveText('alpha');

  // The run header counts all four steps from the start, and ends 4/4.
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const status = page.getByRole('status', { name: 'Run status' });
  await expect(status).toContainText('0/4 steps');
  await expect(status).toContainText('4/4 steps', { timeout: 20_000 });
  await shoot(page, 'projects-editor-header');

  // Switching to beta closes alpha's workflow and offers beta's; New puts the workflow in beta.
  await header.selectOption({ label: 'beta' });
  await expect(page.getByRole('list', { name: 'Workflows of beta' }).getByRole('button', { name: /^analysis\b/ })).toBeVisible();
  await expect(page.getByText(join(beta, '.codomyrmex', 'workflows'), { exact: true })).toBeVisible();
  await shoot(page, 'projects-editor-empty');
  const question = await newWorkflow(page, () => page.getByRole('button', { name: 'New workflow…' }).click(), 'fresh');
  expect(question).toContain('In project "beta"');
  await expect(page.getByRole('heading', { level: 1, name: /fresh/ })).toBeVisible();
  await expect(header.locator('option:checked')).toHaveText('beta');
  await expect(status).toHaveCount(0);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByLabel('unsaved changes')).toHaveCount(0);
  expect(existsSync(join(beta, '.codomyrmex', 'workflows', 'fresh.yaml'))).toBe(true);
  expect(existsSync(join(alpha, '.codomyrmex', 'workflows', 'fresh.yaml'))).toBe(false);
});

test('a project created from a template opens on its page with its history and runs, and becomes current', async ({ page }) => {
  const parent = mkdtempSync(join(tmpdir(), 'codomyrmex-e2e-parent-'));
  try {
    await page.setViewportSize(SIZES[0]!);
    await page.goto(server.url);
    await expect(card(page, 'alpha')).toBeVisible();
    await page.getByRole('button', { name: 'New project' }).click();
    const dialog = page.getByRole('dialog', { name: 'New project' });
    await dialog.getByRole('radio', { name: /^data_pipeline/ }).check();
    await dialog.getByRole('textbox', { name: 'Project name' }).fill('gamma');
    await dialog.getByRole('textbox', { name: 'Parent folder' }).fill(parent);
    await dialog.getByRole('button', { name: 'Create project' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'gamma' })).toBeVisible();
    // No further event arrives: the page loads its own history and runs as it opens.
    await expect(page.getByText('No runs yet.')).toBeVisible();
    await expect(page.getByText('Loading history…')).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'History, last 30 days' }).locator('canvas').first()).toBeVisible();
    await shoot(page, 'projects-page');
    await nav(page, 'Editor');
    await expect(page.getByRole('combobox', { name: 'Current project' }).locator('option:checked')).toHaveText('gamma');
    await expect(page.getByRole('list', { name: 'Workflows of gamma' }).getByRole('button', { name: /^etl\b/ })).toBeVisible();
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
});

test('a project with no workflow offers one on its card, made in that project', async ({ page }) => {
  const empty = mkdtempSync(join(tmpdir(), 'codomyrmex-e2e-empty-'));
  try {
    await page.setViewportSize(SIZES[1]!);
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Add folder' }).click();
    await page.getByLabel('Folder').fill(empty);
    await page.getByRole('button', { name: 'Add project' }).click();
    const name = empty.split('/').pop()!;
    await expect(card(page, name)).toContainText('No workflows yet.');
    const question = await newWorkflow(page, () => card(page, name).getByRole('button', { name: `New workflow in ${name}` }).click(), 'first');
    expect(question).toContain(`In project "${name}"`);
    await expect(page.getByRole('heading', { level: 1, name: /first/ })).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Project' }).locator('option:checked')).toHaveText(name);
    await page.locator('[data-action="control.noop"]').click();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByLabel('unsaved changes')).toHaveCount(0);
    expect(existsSync(join(empty, '.codomyrmex', 'workflows', 'first.yaml'))).toBe(true);
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});

test("a project's page lists the sessions its runs may run in: its own and those for any project, not another project's", async ({ page }) => {
  await page.setViewportSize(SIZES[1]!);
  await page.goto(server.url);
  await nav(page, 'Sessions');
  for (const [name, project] of [['everywhere', null], ['alpha-only', 'alpha']] as const) {
    await page.getByLabel('Session name', { exact: true }).first().fill(name);
    if (project !== null) await page.getByRole('combobox', { name: 'Project of the new session' }).selectOption({ label: project });
    await page.getByRole('button', { name: 'Create session' }).click();
    await expect(page.getByRole('list', { name: 'Sessions' })).toContainText(name);
  }
  await nav(page, 'Projects');
  await card(page, 'beta').getByRole('button', { name: 'beta', exact: true }).click();
  const sessions = page.getByRole('list', { name: 'Sessions of beta' });
  await expect(sessions).toContainText('everywhere · any project');
  await expect(sessions).not.toContainText('alpha-only');
  await shoot(page, 'project-page-sessions');
  await page.getByRole('button', { name: '← All projects' }).click();
  await card(page, 'alpha').getByRole('button', { name: 'alpha', exact: true }).click();
  await expect(page.getByRole('list', { name: 'Sessions of alpha' }).getByRole('button')).toHaveCount(2);
});

test('a project folder that cannot be made is refused at once, the reason said inside the dialog, which stays open', async ({ page }) => {
  test.skip(!existsSync('/proc/self'), 'needs a file system that takes no new folder (/proc)');
  await page.setViewportSize(SIZES[1]!);
  await page.goto(server.url);
  await page.getByRole('button', { name: 'New project' }).click();
  const dialog = page.getByRole('dialog', { name: 'New project' });
  await dialog.getByRole('textbox', { name: 'Project name' }).fill('nope');
  await dialog.getByRole('textbox', { name: 'Parent folder' }).fill('/proc');
  await dialog.getByRole('button', { name: 'Create project' }).click();
  // The notices beside the page lie under the modal's backdrop: the dialog says it itself.
  await expect(dialog.getByRole('alert')).toHaveText('cannot make the folder /proc/nope: this file system takes no new folder there (ENOENT)');
  await expect(dialog.getByRole('button', { name: 'Create project' })).toBeEnabled();
  await shoot(page, 'new-project-refused');
  // Closed and opened again, the same refusal (its notice still beside the page, counted up) is said again.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: 'New project' }).click();
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await dialog.getByRole('textbox', { name: 'Project name' }).fill('nope');
  await dialog.getByRole('textbox', { name: 'Parent folder' }).fill('/proc');
  await dialog.getByRole('button', { name: 'Create project' }).click();
  await expect(dialog.getByRole('alert')).toContainText('cannot make the folder /proc/nope');
  // A folder it can make: the dialog closes and the project opens.
  const parentDir = mkdtempSync(join(tmpdir(), 'codomyrmex-e2e-parent-'));
  try {
    await dialog.getByRole('textbox', { name: 'Parent folder' }).fill(parentDir);
    await dialog.getByRole('button', { name: 'Create project' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('heading', { level: 1, name: 'nope' })).toBeVisible();
  } finally {
    rmSync(parentDir, { recursive: true, force: true });
  }
});
