// Issue 17, subflows in the app: convert three steps of a six-step workflow into a subflow (the same files come out
// of a run), open it from its node and come back along the breadcrumb, follow the child run from the parent's node,
// and unpack it back to the original graph.
import { expect, test, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseWorkflow } from '../../shared/workflow-schema.js';
import { answerName, watchPage } from './app-dialogs.js';
import { node, nodeBoxes, openWorkflow, shoot, step, stepNames, workflowFile } from './app-page.js';
import { serve, type Served } from './serve.js';

let server: Served;

test.beforeEach(async () => {
  server = await serve('subflow-project');
});

test.afterEach(async () => {
  await server.stop();
});

/** Every file under out/, by name, with its text. */
function outputs(): Record<string, string> {
  const folder = join(server.project, 'out');
  return Object.fromEntries(readdirSync(folder).sort().map((name) => [name, readFileSync(join(folder, name), 'utf8')]));
}

/** A workflow file as the engine reads it, without the canvas positions. */
function graphOf(file: string) {
  const workflow = parseWorkflow(parse(readFileSync(file, 'utf8')));
  return { ...workflow, steps: workflow.steps.map(({ ui: _ui, ...rest }) => rest) };
}

const viewportOf = (page: Page): Promise<string> => page.locator('.react-flow__viewport').evaluate((element) => (element as HTMLElement).style.transform);

async function selectSteps(page: Page, names: string[]): Promise<void> {
  await node(page, names[0]!).click();
  for (const name of names.slice(1)) await node(page, name).click({ modifiers: ['Shift'] });
}

test('a 3-step selection becomes a subflow that runs to the same files, opens from its node with a breadcrumb back, and unpacks to the original graph', async ({ page }) => {
  const watch = watchPage(page);
  const six = workflowFile(server, 'six');
  const original = graphOf(six);
  // The files a run of the original produces, from a terminal on the same data folder.
  const before = spawnSync(process.execPath, ['bin/codomyrmex.js', 'run', six], { env: { ...process.env, CODOMYRMEX_HOME: server.home }, encoding: 'utf8' });
  expect(before.status, before.stderr).toBe(0);
  const expected = outputs();
  expect(Object.keys(expected)).toEqual(['check.txt', 'compile.txt', 'fetch.txt', 'notes.txt', 'package.txt']);
  rmSync(join(server.project, 'out'), { recursive: true });

  await openWorkflow(page, server, 'six');
  await selectSteps(page, ['fetch', 'compile', 'check']);
  await page.getByRole('toolbar', { name: 'Editor' }).getByRole('button', { name: 'To subflow…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Convert 3 steps to a subflow' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Workflow name' }).fill('build-part');
  await shoot(page, 'subflow-convert-dialog');
  await answerName(page, 'Convert 3 steps to a subflow', 'build-part');

  // One subflow step in their place, naming its child and its step count; the child is saved in the project.
  await expect.poll(() => stepNames(page)).toEqual(['build-part', 'notes', 'package', 'prepare']);
  const subflow = step(page, 'build-part');
  await expect(subflow).toHaveAttribute('data-subflow', 'build-part');
  await expect(subflow.locator('[data-subflow-detail]')).toHaveText('3 steps');
  expect(graphOf(workflowFile(server, 'build-part')).steps.map((s) => [s.name, s.dependencies])).toEqual([['fetch', []], ['compile', ['fetch']], ['check', ['compile']]]);
  await shoot(page, 'subflow-editor-node');

  // Undo takes the conversion back, redo brings it again.
  await page.keyboard.press('Control+z');
  await expect.poll(() => stepNames(page)).toEqual(['check', 'compile', 'fetch', 'notes', 'package', 'prepare']);
  // The child's file is not taken back with the canvas: the app says it stays.
  await expect(page.getByRole('status').filter({ hasText: 'Conversion undone: workflow build-part stays in the project (Redo runs it again)' })).toBeVisible();
  expect(existsSync(workflowFile(server, 'build-part'))).toBe(true);
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(() => stepNames(page)).toEqual(['build-part', 'notes', 'package', 'prepare']);

  // Save & run: the run writes the same files as the original did.
  await page.getByRole('button', { name: 'Save & run' }).click();
  await page.getByRole('dialog', { name: 'Run with parameters' }).getByRole('button', { name: 'Start run' }).click();
  await expect(step(page, 'package')).toHaveAttribute('data-status', 'succeeded', { timeout: 20_000 });
  expect(outputs()).toEqual(expected);
  expect(graphOf(six).steps.map((s) => s.name)).toEqual(['prepare', 'build-part', 'package', 'notes']);

  // In the run, the subflow node shows its child run's progress and opens it; the child run leads back to its parent.
  await page.getByRole('button', { name: 'Open run' }).click();
  const parentRun = page.locator('.run-detail');
  await expect(parentRun).toHaveAttribute('data-run-status', 'completed');
  await expect(step(page, 'build-part').locator('[data-subflow-detail]')).toHaveText('3/3 · completed');
  await shoot(page, 'subflow-run-parent');
  const parentId = await parentRun.getAttribute('data-execution');
  await page.getByRole('button', { name: 'Open the child run of build-part' }).click();
  await expect(page.getByRole('heading', { name: /^build-part / })).toBeVisible();
  for (const name of ['fetch', 'compile', 'check']) await expect(step(page, name)).toHaveAttribute('data-status', 'succeeded');
  const back = page.getByRole('navigation', { name: 'Parent run' });
  await expect(back).toContainText('step build-part');
  await shoot(page, 'subflow-run-child');
  await back.getByRole('button', { name: /^six / }).click();
  await expect(page.locator('.run-detail')).toHaveAttribute('data-execution', parentId!);
  // The history shows the nesting: the child run's row names the parent run's workflow and step.
  await page.getByRole('tab', { name: 'History' }).click();
  const childRow = page.locator(`.run-row:has([data-parent="${parentId}"])`);
  await expect(childRow).toHaveCount(1);
  await expect(childRow.locator('.run-row__child')).toHaveText('↳ six › build-part');
  await expect(childRow).toHaveAttribute('aria-label', /build-part of .*, child run of step build-part,/);
  await shoot(page, 'subflow-history');

  // Open the subflow from its node (double-click) and come back by the breadcrumb, to the same view and selection.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Editor' }).click();
  await node(page, 'build-part').click();
  const view = await viewportOf(page);
  await step(page, 'build-part').dblclick();
  await expect(page.getByRole('heading', { name: 'build-part' })).toBeVisible();
  await expect.poll(() => stepNames(page)).toEqual(['check', 'compile', 'fetch']);
  const trail = page.getByRole('navigation', { name: 'Subflow path' });
  await expect(trail.getByRole('button')).toHaveText(['six']);
  await shoot(page, 'subflow-breadcrumb');
  await trail.getByRole('button', { name: 'six' }).click();
  await expect(page.getByRole('heading', { name: 'six' })).toBeVisible();
  await expect(trail).toBeHidden();
  expect(await viewportOf(page)).toBe(view);
  await expect(node(page, 'build-part')).toHaveClass(/selected/);

  // The button on the node opens it too; unpack (undoable) puts the steps back: the saved graph is the original's.
  await node(page, 'build-part').getByRole('button', { name: 'Open subflow build-part' }).click();
  await expect(page.getByRole('heading', { name: 'build-part' })).toBeVisible();
  await trail.getByRole('button', { name: 'six' }).click();
  await page.getByRole('toolbar', { name: 'Editor' }).getByRole('button', { name: 'Unpack' }).click();
  await expect.poll(() => stepNames(page)).toEqual(['check', 'compile', 'fetch', 'notes', 'package', 'prepare']);
  await page.keyboard.press('Control+s');
  await expect(page.getByLabel('unsaved changes')).toBeHidden();
  expect(graphOf(six)).toEqual(original);
  // The child stays unless the user deletes it from the notice, and agrees.
  expect(existsSync(workflowFile(server, 'build-part'))).toBe(true);
  const stays = page.getByRole('status').filter({ hasText: 'Unpacked build-part: workflow build-part stays in the project' });
  await expect(stays).toBeVisible();
  await shoot(page, 'subflow-unpacked-notice');
  await stays.getByRole('button', { name: 'Delete build-part…' }).click();
  const ask = page.getByRole('dialog', { name: 'Delete workflow build-part?' });
  await expect(ask).toContainText('A workflow that still runs it as a subflow will fail to validate');
  await ask.getByRole('button', { name: 'Delete' }).click();
  await expect.poll(() => existsSync(workflowFile(server, 'build-part'))).toBe(false);
  expect(watch.problems).toEqual([]);
});

test('a running subflow shows its child run\'s progress in the parent node, opens the child run, and the child leads back', async ({ page }) => {
  const watch = watchPage(page);
  await openWorkflow(page, server, 'gated');
  await expect(step(page, 'inner')).toHaveAttribute('data-subflow', 'gate');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.getByRole('button', { name: 'Open run' }).click();
  const inner = step(page, 'inner');
  // The child's first step has ended, its second waits for the file: 1 of 2, live.
  await expect(inner.locator('[data-subflow-detail]')).toHaveText('1/2 · running');
  await expect(inner).toHaveAttribute('data-status', 'running');
  await shoot(page, 'subflow-run-live');
  await page.getByRole('button', { name: 'Open the child run of inner' }).click();
  await expect(page.getByRole('heading', { name: /^gate / })).toBeVisible();
  await expect(step(page, 'first')).toHaveAttribute('data-status', 'succeeded');
  await expect(step(page, 'wait')).toHaveAttribute('data-status', 'running');
  writeFileSync(join(server.project, 'go'), '');
  await expect(step(page, 'wait')).toHaveAttribute('data-status', 'succeeded', { timeout: 15_000 });
  await page.getByRole('navigation', { name: 'Parent run' }).getByRole('button', { name: /^gated / }).click();
  await expect(page.locator('.run-detail')).toHaveAttribute('data-run-status', 'completed');
  await expect(step(page, 'inner').locator('[data-subflow-detail]')).toHaveText('2/2 · completed');
  await expect(step(page, 'after')).toHaveAttribute('data-status', 'succeeded');
  expect(watch.problems).toEqual([]);
});

/** True when every named step's node lies wholly inside the canvas on screen. */
async function allInView(page: Page, names: string[]): Promise<boolean> {
  const canvas = await page.getByLabel('Workflow graph').boundingBox();
  const boxes = await nodeBoxes(page);
  return canvas !== null && names.every((name) => {
    const box = boxes[name];
    return box !== undefined && box.x >= canvas.x && box.y >= canvas.y && box.x + box.width <= canvas.x + canvas.width && box.y + box.height <= canvas.y + canvas.height;
  });
}

test('in a 1024×700 window, the new subflow step and then its unpacked steps are brought into view; a view already showing them stays', async ({ page }) => {
  const watch = watchPage(page);
  await page.setViewportSize({ width: 1024, height: 700 });
  await openWorkflow(page, server, 'six');
  await selectSteps(page, ['fetch', 'compile', 'check']);
  await page.getByRole('toolbar', { name: 'Editor' }).getByRole('button', { name: 'To subflow…' }).click();
  await answerName(page, 'Convert 3 steps to a subflow', 'build-part');
  // The inspector opens beside the new step, and the canvas moves so it is not left at the edge behind it.
  await expect.poll(() => allInView(page, ['build-part'])).toBe(true);
  await page.getByRole('toolbar', { name: 'Editor' }).getByRole('button', { name: 'Unpack' }).click();
  await expect.poll(() => stepNames(page)).toEqual(['check', 'compile', 'fetch', 'notes', 'package', 'prepare']);
  await expect.poll(() => allInView(page, ['fetch', 'compile', 'check'])).toBe(true);
  await shoot(page, 'subflow-unpacked-in-view');

  // Taken back and unpacked again zoomed out, where the view already shows all three: it does not move.
  await page.keyboard.press('Control+z');
  await expect.poll(() => stepNames(page)).toEqual(['build-part', 'notes', 'package', 'prepare']);
  await node(page, 'build-part').click();
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Zoom Out' }).click();
  let view = '';
  // The zoom animates: its view is the one that holds still.
  await expect.poll(async () => view === (view = await viewportOf(page)), { intervals: [300] }).toBe(true);
  await page.getByRole('toolbar', { name: 'Editor' }).getByRole('button', { name: 'Unpack' }).click();
  await expect.poll(() => stepNames(page)).toEqual(['check', 'compile', 'fetch', 'notes', 'package', 'prepare']);
  expect(await allInView(page, ['fetch', 'compile', 'check'])).toBe(true);
  await page.waitForTimeout(400);
  expect(await viewportOf(page)).toBe(view);
  expect(watch.problems).toEqual([]);
});
