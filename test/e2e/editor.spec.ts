import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { answerName } from './app-dialogs.js';
import { edgeIds, node, openWorkflow, positions, shot } from './app-page.js';
import { serve, type Served } from './serve.js';

let server: Served;

test.beforeEach(async () => {
  server = await serve('editor-project');
});

test.afterEach(async () => {
  await server.stop();
});

/** A real mouse drag from one node's source handle to another's target handle. */
async function connect(page: Page, from: string, to: string): Promise<void> {
  const source = await node(page, from).locator('.react-flow__handle.source').boundingBox();
  const target = await node(page, to).locator('.react-flow__handle.target').boundingBox();
  if (source === null || target === null) throw new Error(`handles of ${from} or ${to} are not on screen`);
  await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
  await page.mouse.down();
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 8 });
  await page.mouse.up();
}

async function dropAction(page: Page, action: string, x: number, y: number): Promise<void> {
  await page.dragAndDrop(`[data-action="${action}"]`, '.react-flow__pane', { targetPosition: { x, y } });
  // The new step opens in the inspector; Escape closes it so the canvas has its full width for the next drop.
  await page.keyboard.press('Escape');
}

test('a diamond built from the palette by drag and connect validates, saves, survives a reload, undoes and runs', async ({ page }) => {
  await page.goto(server.url);
  await page.getByRole('button', { name: 'Editor' }).click();
  await page.getByRole('button', { name: 'New workflow…' }).click();
  await answerName(page, 'New workflow', 'built');
  await expect(page.getByRole('heading', { name: /built/ })).toBeVisible();

  await dropAction(page, 'shell.run', 80, 200);
  await dropAction(page, 'control.noop', 380, 40);
  await dropAction(page, 'control.noop', 380, 360);
  await dropAction(page, 'control.noop', 680, 200);
  await expect(page.locator('[data-step]')).toHaveCount(4);
  for (const step of ['shell-run', 'control-noop', 'control-noop-2', 'control-noop-3']) await expect(page.locator(`[data-step="${step}"]`)).toBeVisible();

  // A new shell step has no command yet: invalid, with a badge and the reason.
  await expect(page.locator('[data-step="shell-run"]')).toHaveAttribute('data-invalid', 'true');
  await expect(page.getByRole('button', { name: 'Run', exact: true }).or(page.getByRole('button', { name: 'Save & run' }))).toBeDisabled();

  await connect(page, 'shell-run', 'control-noop');
  await connect(page, 'shell-run', 'control-noop-2');
  await connect(page, 'control-noop', 'control-noop-3');
  await connect(page, 'control-noop-2', 'control-noop-3');
  await expect(page.locator('.react-flow__edge')).toHaveCount(4);

  // Undo takes the last edge away; redo brings it back.
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('Control+z');
  await expect(page.locator('.react-flow__edge')).toHaveCount(3);
  await page.keyboard.press('Control+Shift+z');
  await expect(page.locator('.react-flow__edge')).toHaveCount(4);

  // The inspector: a reference to a step that does not exist is an error until the command is fixed.
  await node(page, 'shell-run').click();
  const command = page.getByRole('textbox', { name: 'command' });
  await command.fill('echo ${{ steps.nope.outputs.x }}');
  await expect(page.getByRole('region', { name: 'Problems' })).toContainText('no step named "nope"');
  await expect(page.locator('[data-step="shell-run"]')).toHaveAttribute('data-invalid', 'true');
  await shot(page, 'editor-invalid');
  await command.fill('echo "ready=yes" >> "$CODOMYRMEX_OUTPUT"');
  await expect(page.getByRole('region', { name: 'Problems' })).toHaveCount(0);
  await expect(page.locator('[data-step="shell-run"]')).not.toHaveAttribute('data-invalid', 'true');
  await expect(page).toHaveTitle(/^● built/);

  const before = { edges: await edgeIds(page), positions: await positions(page) };
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('Control+s');
  await expect(page).toHaveTitle(/^built/);
  await shot(page, 'editor-diamond-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  // Nodes fade their colours over 120 ms: let the transition end before the picture.
  await page.waitForTimeout(400);
  await shot(page, 'editor-diamond-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  await openWorkflow(page, server, 'built');
  await expect(page.locator('[data-step]')).toHaveCount(4);
  expect(await edgeIds(page)).toEqual(before.edges);
  expect(await positions(page)).toEqual(before.positions);
  const saved = readFileSync(join(server.project, '.codomyrmex', 'workflows', 'built.yaml'), 'utf8');
  expect(saved).toContain('ready=yes');

  await page.getByRole('button', { name: 'Run', exact: true }).click();
  for (const step of ['shell-run', 'control-noop', 'control-noop-2', 'control-noop-3']) {
    await expect(page.locator(`[data-step="${step}"]`)).toHaveAttribute('data-status', 'succeeded');
  }
  // Watching a run never makes the graph dirty.
  await expect(page).toHaveTitle(/^built/);
  await shot(page, 'editor-diamond-succeeded');
});

test('an edge that would close a cycle is refused, naming the steps on it', async ({ page }) => {
  await openWorkflow(page, server, 'chain');
  await connect(page, 'third', 'first');
  await expect(page.getByRole('alert').filter({ hasText: 'cycle' })).toContainText('first → second → third → first');
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);
  await shot(page, 'editor-cycle-refused');
});

test('a YAML file with comments keeps them after an edit and a save', async ({ page }) => {
  await openWorkflow(page, server, 'commented');
  await node(page, 'test').click();
  await page.getByRole('textbox', { name: 'command' }).fill('echo tested');
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('Control+s');
  await expect(page).toHaveTitle(/^commented/);
  const text = readFileSync(join(server.project, '.codomyrmex', 'workflows', 'commented.yaml'), 'utf8');
  expect(text).toContain('# CI for the demo project — keep this comment');
  expect(text).toContain('# install first');
  expect(text).toContain('# inline comment');
  expect(text).toContain('x-owner: platform-team');
  expect(text).toContain('echo tested');
});

test('an empty workflow says how to begin; a step added by a click stands whole beside the inspector it opens (1024×700)', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.goto(server.url);
  await page.getByRole('button', { name: 'Editor' }).click();
  await page.getByRole('button', { name: 'New workflow…' }).click();
  await answerName(page, 'New workflow', 'begun');
  const hint = page.locator('.canvas').getByRole('note');
  await expect(hint).toContainText('click an action on the left to add one');
  await shot(page, 'editor-empty-1024');
  // Added at the middle of the wide canvas, the step would stand half under the inspector its selection opens.
  for (const action of ['shell.run', 'control.noop']) {
    await page.locator(`[data-action="${action}"]`).click();
    const step = page.locator(`[data-step="${action.replace('.', '-')}"]`);
    await expect(page.getByRole('complementary', { name: `Inspector: ${action.replace('.', '-')}` })).toBeVisible();
    await expect.poll(async () => {
      const pane = (await page.locator('.react-flow__pane').boundingBox())!;
      const box = (await step.boundingBox())!;
      return box.x >= pane.x && box.x + box.width <= pane.x + pane.width && box.y >= pane.y && box.y + box.height <= pane.y + pane.height;
    }, { message: `${action}'s step stands whole in the canvas` }).toBe(true);
  }
  await expect(hint).toHaveCount(0);
  await shot(page, 'editor-added-1024');
});
