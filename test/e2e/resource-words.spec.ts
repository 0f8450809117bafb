// Resources in the user's words (issue 10): the form refuses a bad id in plain words before sending (and Chromium logs
// nothing about it) and fits a 1024×700 window, the inspector offers the declared resources — a user-defined one too — with their capacity, and
// a step waiting for one says who holds it, by workflow and step name, with the unit.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { boxOf, nav, shot } from './app-page.js';
import { watchPage } from './app-dialogs.js';
import { serve, type Served } from './serve.js';

let server: Served;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

test.beforeEach(async () => {
  server = await serve('canvas-project');
});

test.afterEach(async () => {
  await server.stop();
});

async function declare(page: Page, id: string, capacity: string, unit: string): Promise<void> {
  await nav(page, 'Resources');
  await page.getByRole('button', { name: 'Add resource' }).click();
  const form = page.getByRole('form', { name: 'Add a resource' });
  await form.getByRole('textbox', { name: 'Id' }).fill(id);
  await form.getByRole('spinbutton', { name: 'Capacity' }).fill(capacity);
  await form.getByRole('textbox', { name: 'Unit' }).fill(unit);
  await form.getByRole('button', { name: 'Add resource' }).click();
}

test('the resource form refuses a bad id in plain words, sends nothing, and logs no console error', async ({ page }) => {
  const { problems: errors } = watchPage(page);
  await page.goto(server.url);
  await declare(page, 'my db!', '1', 'slot');
  const form = page.getByRole('form', { name: 'Add a resource' });
  const id = form.getByRole('textbox', { name: 'Id' });
  await expect(form.getByRole('alert')).toHaveText('An id may use only letters, digits, "_" and "-", at most 64 of them: a space is not allowed.');
  await expect(id).toHaveAttribute('aria-invalid', 'true');
  expect(await id.getAttribute('pattern')).toBeNull();
  // Nothing went to the engine: no resource row, no notice from the server.
  await expect(page.locator('[data-resource="my db!"]')).toHaveCount(0);
  await expect(page.getByText(/Invalid|regex|pattern|\^\[/)).toHaveCount(0);

  await form.getByRole('spinbutton', { name: 'Capacity' }).fill('0');
  await id.fill('cpu');
  await form.getByRole('button', { name: 'Add resource' }).click();
  await expect(form.getByRole('alert')).toHaveText([
    '"cpu" is declared already (built in, or by a workflow file) and cannot be changed here; choose another id.',
    'Capacity must be a number above 0, e.g. 1 or 4.',
  ]);
  await shot(page, 'resource-form-refused');
  // In a 1024×700 window the form's fields give way: its buttons stay inside its box.
  await page.setViewportSize({ width: 1024, height: 700 });
  const box = await boxOf(form);
  for (const button of await form.getByRole('button').all()) {
    const edge = await boxOf(button);
    expect(edge.x + edge.width).toBeLessThanOrEqual(box.x + box.width);
  }
  await shot(page, 'resource-form-refused-1024x700');

  await id.fill('db');
  await form.getByRole('spinbutton', { name: 'Capacity' }).fill('2');
  await expect(form.getByRole('alert')).toHaveCount(0);
  await form.getByRole('button', { name: 'Add resource' }).click();
  await expect(page.locator('[data-resource="db"]')).toContainText('2 slot');
  expect(errors).toEqual([]);
});

test("the inspector's resource field offers the declared resources, a user-defined one too, with capacity and unit", async ({ page }) => {
  await page.goto(server.url);
  await declare(page, 'db', '1', 'slot');
  await expect(page.locator('[data-resource="db"]')).toContainText('1 slot');
  await nav(page, 'Projects');
  await page.getByRole('button', { name: /^pair\b/ }).first().click();
  await page.locator('.react-flow__node[data-id="install"]').click();
  const inspector = page.getByRole('complementary', { name: 'Inspector: install' });
  const add = inspector.getByRole('combobox', { name: 'Add a resource' });
  const options = await add.locator('option').allTextContents();
  expect(options[0]).toBe('Add a resource…');
  expect(options.slice(1).map((text) => text.split(' — ')[0])).toEqual(['cpu', 'memory', 'db']);
  expect(options).toContain('db — 1 slot');
  expect(options.find((text) => text.startsWith('cpu — '))).toMatch(/^cpu — \d+ cores$/);
  // No free-text KEY row any more.
  await expect(inspector.getByRole('textbox', { name: /Resources: name/ })).toHaveCount(0);

  await add.selectOption('db');
  const row = inspector.locator('[data-resource-request="db"]');
  await expect(row).toContainText('of 1 slot');
  await expect(inspector.getByRole('textbox', { name: 'Amount of db' })).toHaveValue('1');
  await add.selectOption('cpu');
  await inspector.getByRole('textbox', { name: 'Amount of cpu' }).fill('2');
  await shot(page, 'inspector-resources');
  await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
  await page.keyboard.press('Control+s');
  await expect(page).toHaveTitle(/^pair/);
  const saved = readFileSync(join(server.project, '.codomyrmex', 'workflows', 'pair.yaml'), 'utf8');
  expect(saved).toMatch(/resources:\s*\{?\s*db: 1,?\s*cpu: 2\s*\}?/);
});

test('a step queued for a resource names the run and step that hold it, with the unit, on the canvas and in the monitor', async ({ page }) => {
  await page.goto(server.url);
  await declare(page, 'db', '1', 'slot');
  await expect(page.locator('[data-resource="db"]')).toContainText('1 slot');
  await nav(page, 'Projects');
  await page.getByRole('button', { name: /^queue\b/ }).first().click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const queued = page.locator('[data-step][data-status="queued"]');
  await expect(queued).toHaveCount(1);
  const holder = await page.locator('[data-step][data-status="running"]').getAttribute('data-step');
  const reason = queued.locator('[data-reason]');
  await expect(reason).toHaveText(`needs 1 slot of db, 0 free — held by queue › ${holder} (1)`);
  expect(await reason.textContent()).not.toMatch(UUID);
  // The run canvas draws its edges with arrowheads too, and its steps with their glyphs.
  await expect(queued.locator('.step-node__glyph')).toHaveText('❯');
  await shot(page, 'queued-reason-canvas');

  await nav(page, 'Resources');
  const row = page.locator('[data-resource="db"]');
  await expect(row.getByRole('list', { name: 'Allocations of db' })).toHaveText(`queue › ${holder} (1 slot)`);
  const waiting = row.getByRole('list', { name: 'Waiting for db' });
  await expect(waiting).toContainText(`queue › ${holder === 'migrate' ? 'seed' : 'migrate'}`);
  await expect(waiting).toContainText('needs 1 slot of db, 0 free');
  expect(await row.textContent()).not.toMatch(UUID);
  await row.scrollIntoViewIfNeeded();
  await shot(page, 'queued-reason-monitor');
});
