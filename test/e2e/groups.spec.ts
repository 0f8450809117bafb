// Issue 17, groups on the canvas: made from a selection and named in the app's dialog, coloured, collapsed, saved in
// the file's `ui.groups` (comments kept), back after a reload; a hand edit naming a gone step is told, not refused;
// a group moves as one with its steps; collapsed during a run it says how its steps are doing.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { watchPage } from './app-dialogs.js';
import { boxOf, edge, group, node, openWorkflow, positions, shootThemes, step, workflowFile, type Box } from './app-page.js';
import { serve, type Served } from './serve.js';

let server: Served;

test.beforeEach(async () => {
  server = await serve('groups-project');
});

test.afterEach(async () => {
  await server.stop();
});

interface SavedGroup { id: string; name: string; colour: string; steps: string[]; collapsed: boolean; x: number; y: number; width: number; height: number }
const savedGroups = (name: string): SavedGroup[] => (parse(readFileSync(workflowFile(server, name), 'utf8')) as { ui?: { groups?: SavedGroup[] } }).ui?.groups ?? [];

/** The workflow opened afresh from its file: the page reloaded, then the workflow opened from the Projects view. */
async function reopen(page: Page, name: string): Promise<void> {
  await page.reload();
  await page.getByRole('button', { name: new RegExp(`^${name}\\b`) }).first().click();
  await expect(page.getByRole('heading', { name }).first()).toBeVisible();
}

/** A node's box once the view has stopped moving (a fit animates). */
async function settledBox(page: Page, name: string): Promise<Box> {
  let last = await boxOf(node(page, name));
  for (;;) {
    await page.waitForTimeout(150);
    const now = await boxOf(node(page, name));
    if (now.x === last.x && now.y === last.y && now.width === last.width) return now;
    last = now;
  }
}

/** Selects `steps` (click, then Shift+click) and groups them with Ctrl+G, naming the group in the app's dialog. */
async function groupSteps(page: Page, steps: string[], name: string): Promise<void> {
  await step(page, steps[0]!).click();
  for (const other of steps.slice(1)) await step(page, other).click({ modifiers: ['Shift'] });
  await page.keyboard.press('Control+g');
  const dialog = page.getByRole('dialog', { name: 'Group steps' });
  await dialog.getByRole('textbox', { name: 'Group name' }).fill(name);
  await dialog.getByRole('button', { name: 'Group' }).click();
  await expect(dialog).toBeHidden();
}

test('a group made from a selection survives a save and a reload, collapsed; a hand edit naming a gone step is told', async ({ page }) => {
  const watch = watchPage(page);
  await openWorkflow(page, server, 'flat');
  await groupSteps(page, ['build', 'test'], 'Build and test');
  const frame = group(page, 'Build and test');
  await expect(frame).toContainText('2 steps');
  // The new group is selected: its inspector names and colours it.
  const inspector = page.getByRole('complementary', { name: 'Inspector: group Build and test' });
  await inspector.getByRole('radio', { name: 'green' }).click();
  await expect(frame).toHaveAttribute('data-colour', 'green');
  await shootThemes(page, 'groups-expanded');

  await frame.getByRole('button', { name: 'Collapse group Build and test' }).click();
  await expect(frame).toHaveAttribute('data-collapsed', 'true');
  // Its steps are off the canvas; their edges are drawn to the group, once each.
  await expect(step(page, 'build')).toHaveCount(0);
  await expect(step(page, 'test')).toHaveCount(0);
  await expect(edge(page, 'fetch->group:g1')).toBeVisible();
  await expect(edge(page, 'group:g1->ship')).toBeVisible();
  await shootThemes(page, 'groups-collapsed');

  await page.keyboard.press('Control+s');
  await expect(page.getByLabel('unsaved changes')).toBeHidden();
  const text = readFileSync(workflowFile(server, 'flat'), 'utf8');
  expect(text).toContain('# kept through a save');
  expect(savedGroups('flat')).toEqual([{ id: 'g1', name: 'Build and test', colour: 'green', steps: ['build', 'test'], collapsed: true, x: 276, y: -44, width: 568, height: 144 }]);

  await reopen(page, 'flat');
  await expect(group(page, 'Build and test')).toHaveAttribute('data-collapsed', 'true');
  await expect(step(page, 'build')).toHaveCount(0);
  await group(page, 'Build and test').getByRole('button', { name: 'Expand group Build and test' }).click();
  await expect(step(page, 'build')).toBeVisible();
  await page.keyboard.press('Control+s');
  await expect(page.getByLabel('unsaved changes')).toBeHidden();

  // By hand: the group names a step the workflow no longer has — dropped with a notice, the rest still grouped.
  writeFileSync(workflowFile(server, 'flat'), text.replace('steps:\n        - build', 'steps:\n        - gone\n        - build'));
  await reopen(page, 'flat');
  await expect(page.getByText('group "Build and test" names step "gone", which the workflow does not have: left out of the group')).toBeVisible();
  await expect(group(page, 'Build and test')).toContainText('2 steps');
  await expect(step(page, 'fetch')).toBeVisible();
  expect(watch.problems).toEqual([]);
});

test('a group moves as one with its steps, undoably; a step dragged out leaves it', async ({ page }) => {
  const watch = watchPage(page);
  await openWorkflow(page, server, 'flat');
  await groupSteps(page, ['build', 'test'], 'Middle');
  // Nothing selected, the inspector closes and the whole workflow fits the canvas.
  await page.keyboard.press('Escape');
  await page.keyboard.press('f');
  await expect(page.getByRole('complementary', { name: 'Inspector: group Middle' })).toBeHidden();
  const before = await positions(page);
  await settledBox(page, 'fetch');
  const bar = group(page, 'Middle').locator('.step-group__name');
  const grip = await boxOf(bar);
  await page.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2);
  await page.mouse.down();
  await page.mouse.move(grip.x + grip.width / 2 + 60, grip.y + grip.height / 2 + 90, { steps: 8 });
  await page.mouse.up();
  const after = await positions(page);
  const moved = (name: string) => ({ dx: Math.round(after[name]!.x - before[name]!.x), dy: Math.round(after[name]!.y - before[name]!.y) });
  // The group and both its steps by the same distance, in the flow (React Flow draws every node at its absolute place).
  expect(moved('group:g1').dx).toBeGreaterThan(20);
  expect(moved('group:g1').dy).toBeGreaterThan(30);
  expect(moved('build')).toEqual(moved('group:g1'));
  expect(moved('test')).toEqual(moved('group:g1'));
  expect(moved('fetch')).toEqual({ dx: 0, dy: 0 });

  // One undo takes the group and both its steps back.
  await page.keyboard.press('Control+z');
  await expect.poll(() => positions(page)).toEqual(before);

  // A step dragged well out of the box leaves the group; the group keeps the other.
  const test = await boxOf(node(page, 'test'));
  await page.mouse.move(test.x + test.width / 2, test.y + test.height / 2);
  await page.mouse.down();
  await page.mouse.move(test.x + test.width / 2, test.y + test.height / 2 + 260, { steps: 8 });
  await page.mouse.up();
  await expect(group(page, 'Middle')).toContainText('1 step');
  await page.keyboard.press('Control+s');
  await expect(page.getByLabel('unsaved changes')).toBeHidden();
  expect(savedGroups('flat').map(({ name, steps }) => ({ name, steps }))).toEqual([{ name: 'Middle', steps: ['build'] }]);

  // The group's own menu: renamed in the app's dialog, then ungrouped — the step stays; undo brings the group back.
  const menu = page.getByRole('menu', { name: 'Group' });
  await group(page, 'Middle').locator('.step-group__bar').click({ button: 'right' });
  await expect(menu.getByRole('menuitem')).toHaveText([/Rename group/, /Collapse group/, /Ungroup/]);
  await menu.getByRole('menuitem', { name: 'Rename group…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Rename group' });
  await dialog.getByRole('textbox', { name: 'Group name' }).fill('Compile');
  await dialog.getByRole('button', { name: 'Rename' }).click();
  await expect(group(page, 'Compile')).toBeVisible();
  await group(page, 'Compile').locator('.step-group__bar').click({ button: 'right' });
  await menu.getByRole('menuitem', { name: 'Ungroup' }).click();
  await expect(page.locator('[data-group]')).toHaveCount(0);
  await expect(step(page, 'build')).toBeVisible();
  await page.keyboard.press('Control+z');
  await expect(group(page, 'Compile')).toContainText('1 step');
  expect(watch.problems).toEqual([]);
});

test('a collapsed group shows how its steps are doing during a run, coloured by the worst; expanded, its steps', async ({ page }) => {
  const watch = watchPage(page);
  await openWorkflow(page, server, 'checks');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.getByRole('button', { name: 'Open run' }).click();
  const checks = group(page, 'Checks');
  await expect(checks).toHaveAttribute('data-collapsed', 'true');
  // lint fails at once, types passes, unit waits for the release file.
  await expect(checks.getByLabel('Checks: failed 1 · running 1 · 1 of 3')).toBeVisible();
  await expect(checks).toHaveAttribute('data-status', 'failed');
  await shootThemes(page, 'groups-run');
  writeFileSync(join(server.project, 'release'), '');
  await expect(checks.getByLabel('Checks: failed 1 · 2 of 3')).toBeVisible();
  await expect(page.locator('.run-detail')).toHaveAttribute('data-run-status', 'failed');
  // A click anywhere on the collapsed group opens it, as its ▸ does: its steps show their own statuses.
  await checks.getByLabel('Checks: failed 1 · 2 of 3').click();
  await expect(checks).not.toHaveAttribute('data-collapsed', 'true');
  await expect(step(page, 'lint')).toHaveAttribute('data-status', 'failed');
  await expect(step(page, 'unit')).toHaveAttribute('data-status', 'succeeded');
  await expect(step(page, 'types')).toHaveAttribute('data-status', 'succeeded');
  await shootThemes(page, 'groups-run-expanded');
  expect(watch.problems).toEqual([]);
});
