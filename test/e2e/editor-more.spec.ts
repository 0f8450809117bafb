// The editor's other gestures, as a user makes them: reconnect, clipboard, quick add, delete, help, layout, import and
// export, changes on disk, the unsaved-changes question and renames — each checked on screen and on disk.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';
import { answerDiscard } from './app-dialogs.js';
import { boxOf, centreOf, edge, edgeIds, node, openWorkflow, positions, shot, stepNames, workflowFile } from './app-page.js';
import { serve, type Served } from './serve.js';

let server: Served;

test.beforeEach(async () => {
  server = await serve('editor-more-project');
});

test.afterEach(async () => {
  await server.stop();
});

interface SavedStep { name: string; dependencies?: string[]; parameters?: Record<string, unknown> }

const readSteps = (name: string): SavedStep[] => (parse(readFileSync(workflowFile(server, name), 'utf8')) as { steps: SavedStep[] }).steps;

/** Opens another workflow from the Projects view, in the same page (the open one's edits still in memory). */
async function switchTo(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Projects' }).click();
  await page.getByRole('button', { name: new RegExp(`^${name}\\b`) }).first().click();
}

async function clickPane(page: Page): Promise<void> {
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
}

test('dragging the end of an edge onto another step moves the dependency', async ({ page }) => {
  await openWorkflow(page, server, 'chain');
  const updater = edge(page, 'first->second').locator('.react-flow__edgeupdater-target');
  const end = await updater.boundingBox();
  if (end === null) throw new Error('the edge has no end to grab');
  const target = centreOf(await boxOf(page.locator('.react-flow__node[data-id="third"] .react-flow__handle.target').first()));
  // The left of the end's grip: its right half lies under the step's own handle.
  await page.mouse.move(end.x + 3, end.y + end.height / 2);
  await page.mouse.down();
  await page.mouse.move(target.x, target.y, { steps: 10 });
  await page.mouse.up();
  await expect(edge(page, 'first->third')).toHaveCount(1);
  expect(await edgeIds(page)).toEqual(['first->third', 'second->third']);
  await shot(page, 'editor-reconnected');
  await clickPane(page);
  await page.keyboard.press('Control+s');
  await expect(page).toHaveTitle(/^chain/);
  const saved = Object.fromEntries(readSteps('chain').map((step) => [step.name, step.dependencies ?? []]));
  expect(saved.second).toEqual([]);
  expect([...saved.third!].sort()).toEqual(['first', 'second']);
});

test('copy, paste, duplicate and cut keep the edge inside the selection, and paste works in another workflow', async ({ page }) => {
  await openWorkflow(page, server, 'chain');
  await node(page, 'first').click();
  await node(page, 'second').click({ modifiers: ['Control'] });
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(2);
  await page.keyboard.press('Control+c');
  await page.mouse.move(...Object.values(centreOf(await boxOf(page.locator('.react-flow__pane').first()))) as [number, number]);
  await page.keyboard.press('Control+v');
  await expect(page.locator('[data-step]')).toHaveCount(6);
  expect(await stepNames(page)).toEqual(['first', 'first-2', 'loner', 'second', 'second-2', 'third']);
  await expect(edge(page, 'first-2->second-2')).toHaveCount(1);
  // The copy's outside dependency (second on nothing else, third on second) is not brought along.
  expect(await edgeIds(page)).toEqual(['first-2->second-2', 'first->second', 'second->third']);

  // The pasted pair is now the selection: duplicate it.
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(2);
  await page.keyboard.press('Control+d');
  await expect(page.locator('[data-step]')).toHaveCount(8);
  await expect(edge(page, 'first-3->second-3')).toHaveCount(1);
  await shot(page, 'editor-pasted-duplicated');

  await node(page, 'loner').click();
  await page.keyboard.press('Control+x');
  await expect(node(page, 'loner')).toHaveCount(0);
  await expect(page.locator('[data-step]')).toHaveCount(7);

  // Into another workflow: copy the original pair, open "other" (dropping this one's edits), paste.
  await node(page, 'first').click();
  await node(page, 'second').click({ modifiers: ['Control'] });
  await page.keyboard.press('Control+c');
  await switchTo(page, 'other');
  await answerDiscard(page, true);
  await expect(page.getByRole('heading', { name: 'other' })).toBeVisible();
  await expect(page.locator('[data-step]')).toHaveCount(1);
  await page.mouse.move(...Object.values(centreOf(await boxOf(page.locator('.react-flow__pane').first()))) as [number, number]);
  await page.keyboard.press('Control+v');
  await expect(page.locator('[data-step]')).toHaveCount(3);
  expect(await stepNames(page)).toEqual(['first', 'only', 'second']);
  await expect(edge(page, 'first->second')).toHaveCount(1);
  await shot(page, 'editor-pasted-into-other');
  await clickPane(page);
  await page.keyboard.press('Control+s');
  await expect(page).toHaveTitle(/^other/);
  expect(readSteps('other').map((step) => step.name)).toEqual(['only', 'first', 'second']);
});

test('quick add opens at the cursor with A and adds the chosen action there; the palette search filters actions', async ({ page }) => {
  await openWorkflow(page, server, 'chain');
  const pane = await page.locator('.react-flow__pane').boundingBox();
  if (pane === null) throw new Error('no canvas');
  const cursor = { x: Math.round(pane.x + pane.width * 0.3), y: Math.round(pane.y + pane.height * 0.8) };
  await page.mouse.move(cursor.x, cursor.y);
  await page.keyboard.press('a');
  const quickAdd = page.getByRole('dialog', { name: 'Quick add' });
  await expect(quickAdd).toBeVisible();
  await page.keyboard.type('delay');
  await expect(quickAdd.getByRole('button')).toHaveText(['control.delay']);
  await shot(page, 'editor-quick-add');
  await page.keyboard.press('Enter');
  await expect(quickAdd).toHaveCount(0);
  await expect(page.locator('[data-step="control-delay"]')).toBeVisible();
  const added = await node(page, 'control-delay').boundingBox();
  expect(Math.abs(added!.x - cursor.x)).toBeLessThan(3);
  expect(Math.abs(added!.y - cursor.y)).toBeLessThan(3);

  const search = page.getByRole('searchbox', { name: 'Search actions' });
  await search.fill('http');
  await expect(page.locator('[data-action]')).toHaveCount(1);
  await expect(page.locator('[data-action="http.request"]')).toBeVisible();
  await search.fill('file');
  await expect(page.locator('[data-action="file.read"]')).toBeVisible();
  await expect(page.locator('[data-action="file.write"]')).toBeVisible();
  await expect(page.locator('[data-action="control.noop"]')).toHaveCount(0);
  await search.fill('no such action');
  await expect(page.getByText('No action matches.')).toBeVisible();
  await search.fill('');
  await expect(page.locator('[data-action="shell.run"]')).toBeVisible();
});

test('Delete removes a step and its edges; a Shift-drag box selects several for Delete; undo brings them back', async ({ page }) => {
  await openWorkflow(page, server, 'chain');
  await node(page, 'second').click();
  await page.keyboard.press('Delete');
  await expect(node(page, 'second')).toHaveCount(0);
  await expect(page.locator('.react-flow__edge')).toHaveCount(0);

  const first = (await node(page, 'first').boundingBox())!;
  const third = (await node(page, 'third').boundingBox())!;
  await page.keyboard.down('Shift');
  await page.mouse.move(first.x - 15, first.y - 15);
  await page.mouse.down();
  await page.mouse.move(third.x + third.width + 15, third.y + third.height + 15, { steps: 10 });
  await shot(page, 'editor-box-select');
  await page.mouse.up();
  await page.keyboard.up('Shift');
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(2);
  await page.keyboard.press('Delete');
  await expect.poll(() => stepNames(page)).toEqual(['loner']);

  await page.keyboard.press('Control+z');
  await expect(page.locator('[data-step]')).toHaveCount(3);
  await page.keyboard.press('Control+z');
  await expect(page.locator('[data-step]')).toHaveCount(4);
  // Edges are drawn a frame after their nodes are measured: wait for them rather than read once.
  await expect.poll(() => edgeIds(page)).toEqual(['first->second', 'second->third']);
});

test('the help overlay lists the shortcuts and closes with Escape; typing in a field fires no shortcut', async ({ page }) => {
  await openWorkflow(page, server, 'chain');
  await clickPane(page);
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help.getByRole('row')).toHaveCount(25);
  await expect(help.getByRole('row').filter({ hasText: 'Group the selected steps' })).toContainText('Ctrl+G');
  await expect(help.getByRole('row').filter({ hasText: 'Undo' })).toContainText('Ctrl+Z');
  await expect(help.getByRole('row').filter({ hasText: 'quick add' })).toContainText('A');
  await shot(page, 'editor-help');
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
  await page.keyboard.press('F1');
  await expect(help).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);

  await node(page, 'loner').click();
  const name = page.getByRole('textbox', { name: 'Name' });
  await name.click();
  await name.press('End');
  await page.keyboard.type('alfg/?');
  await expect(name).toHaveValue('loneralfg/?');
  await name.press('Backspace');
  await expect(name).toHaveValue('loneralfg/');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.locator('[data-step]')).toHaveCount(4);
  await expect(page.getByRole('button', { name: 'Grid' })).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByRole('button', { name: 'Layout →' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page).toHaveTitle(/^chain/);
  // Escape gives up the draft: no rename, no complaint about the half-typed name.
  await name.press('Escape');
  await expect(node(page, 'loner')).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page).toHaveTitle(/^chain/);
});

test('auto-layout toggles direction and undoes; snap to grid places a dragged step on the grid; fit view shows every step', async ({ page }) => {
  await openWorkflow(page, server, 'chain');
  await clickPane(page);
  const before = await positions(page);
  await page.keyboard.press('l');
  await expect(page.getByRole('button', { name: 'Layout ↓' })).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => positions(page)).not.toEqual(before);
  const vertical = await positions(page);
  expect(vertical.first!.y).toBeLessThan(vertical.second!.y);
  expect(vertical.second!.y).toBeLessThan(vertical.third!.y);
  await shot(page, 'editor-layout-top-to-bottom');
  await page.keyboard.press('l');
  await expect(page.getByRole('button', { name: 'Layout →' })).toHaveAttribute('aria-pressed', 'true');
  const horizontal = await positions(page);
  expect(horizontal.first!.x).toBeLessThan(horizontal.second!.x);
  expect(horizontal.second!.x).toBeLessThan(horizontal.third!.x);
  await page.keyboard.press('Control+z');
  await expect.poll(() => positions(page)).toEqual(vertical);
  await page.keyboard.press('Control+z');
  await expect.poll(() => positions(page)).toEqual(before);

  await page.keyboard.press('g');
  await expect(page.getByRole('button', { name: 'Grid' })).toHaveAttribute('aria-pressed', 'true');
  const from = centreOf(await boxOf(page.locator('.react-flow__node[data-id="loner"]').first()));
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 37, from.y + 53, { steps: 8 });
  await page.mouse.up();
  await expect.poll(async () => (await positions(page)).loner).not.toEqual(before.loner);
  const snapped = (await positions(page)).loner!;
  expect(snapped.x % 20).toBe(0);
  expect(snapped.y % 20).toBe(0);
  await page.keyboard.press('g');
  await expect(page.getByRole('button', { name: 'Grid' })).toHaveAttribute('aria-pressed', 'false');

  // Zoom right in, so that most steps leave the view; F brings them all back.
  const inView = async (): Promise<number> => {
    // Measured each time: the canvas widens when the inspector closes.
    const canvas = (await page.locator('.react-flow').boundingBox())!;
    const boxes = await page.locator('.react-flow__node').evaluateAll((nodes) => nodes.map((n) => n.getBoundingClientRect().toJSON() as DOMRect));
    return boxes.filter((b) => b.left >= canvas.x && b.top >= canvas.y && b.right <= canvas.x + canvas.width && b.bottom <= canvas.y + canvas.height).length;
  };
  // Fitting starts at a readable zoom: a few steps in reach React Flow's most, where the button disables.
  const zoomIn = page.getByRole('button', { name: 'Zoom In' });
  for (let i = 0; i < 6 && await zoomIn.isEnabled(); i++) await zoomIn.click();
  await expect.poll(inView).toBeLessThan(4);
  // Escape closes the inspector: the canvas has its full width, in which F fits all four at a readable zoom.
  await page.keyboard.press('Escape');
  await page.keyboard.press('f');
  await expect.poll(inView).toBe(4);
  await shot(page, 'editor-fit-view');
});

test('an imported YAML file opens as a new unsaved workflow; export downloads YAML with its steps', async ({ page }) => {
  await openWorkflow(page, server, 'chain');
  const yaml = [
    'version: 1',
    'name: from-elsewhere',
    'steps:',
    '  - { name: fetch, module: shell, action: run, parameters: { command: echo fetch } }',
    '  - { name: report, module: control, action: noop, dependencies: [fetch] }',
    '',
  ].join('\n');
  await page.getByLabel('Import a workflow file').setInputFiles({ name: 'imported.yaml', mimeType: 'application/yaml', buffer: Buffer.from(yaml) });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('● imported');
  await expect(page.getByLabel('unsaved changes')).toBeVisible();
  await expect(page).toHaveTitle(/^● imported/);
  expect(await stepNames(page)).toEqual(['fetch', 'report']);
  await expect(edge(page, 'fetch->report')).toHaveCount(1);
  await shot(page, 'editor-imported');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export YAML' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('imported.yaml');
  const text = readFileSync((await file.path())!, 'utf8');
  const exported = parse(text) as { steps: SavedStep[] };
  expect(exported.steps.map((step) => step.name)).toEqual(['fetch', 'report']);
  expect(exported.steps[1]!.dependencies).toEqual(['fetch']);
  expect(exported.steps[0]!.parameters).toEqual({ command: 'echo fetch' });

  // A file named like a workflow the project has is imported under a free name, and saves beside it.
  const chain = readFileSync(workflowFile(server, 'chain'), 'utf8');
  await page.getByLabel('Import a workflow file').setInputFiles({ name: 'chain.yaml', mimeType: 'application/yaml', buffer: Buffer.from(yaml) });
  await answerDiscard(page, true);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('● chain-2');
  await clickPane(page);
  await page.keyboard.press('Control+s');
  await expect(page).toHaveTitle(/^chain-2/);
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(readSteps('chain-2').map((step) => step.name)).toEqual(['fetch', 'report']);
  expect(readFileSync(workflowFile(server, 'chain'), 'utf8')).toBe(chain);
});

test('a change on disk reloads a clean editor with a notice, and asks a dirty one: Keep mine saves over it', async ({ page }) => {
  await openWorkflow(page, server, 'chain');
  const original = readFileSync(workflowFile(server, 'chain'), 'utf8');
  writeFileSync(workflowFile(server, 'chain'), `${original}  - { name: theirs, module: control, action: noop, ui: { x: 600, y: 200 } }\n`);
  await expect(node(page, 'theirs')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'chain changed on disk and was reloaded' })).toBeVisible();
  await expect(page).toHaveTitle(/^chain/);

  // Dirty now: delete loner, then someone else edits the file again.
  await node(page, 'loner').click();
  await page.keyboard.press('Delete');
  await expect(node(page, 'loner')).toHaveCount(0);
  await expect(page).toHaveTitle(/^● chain/);
  writeFileSync(workflowFile(server, 'chain'), `${original}  - { name: later, module: control, action: noop, ui: { x: 900, y: 200 } }\n`);
  const conflict = page.getByRole('alert').filter({ hasText: 'changed on disk' });
  await expect(conflict).toBeVisible();
  await expect(conflict.getByRole('button', { name: 'Reload theirs' })).toBeVisible();
  await expect(node(page, 'later')).toHaveCount(0);
  await shot(page, 'editor-disk-conflict');
  await conflict.getByRole('button', { name: 'Keep mine' }).click();
  await expect(conflict).toHaveCount(0);
  await expect(page).toHaveTitle(/^chain/);
  const mine = readSteps('chain').map((step) => step.name);
  expect(mine).toEqual(['first', 'second', 'third', 'theirs']);

  // And once more, choosing theirs this time.
  await node(page, 'theirs').click();
  await page.keyboard.press('Delete');
  await expect(page).toHaveTitle(/^● chain/);
  writeFileSync(workflowFile(server, 'chain'), `${original}  - { name: later, module: control, action: noop, ui: { x: 900, y: 200 } }\n`);
  await expect(conflict).toBeVisible();
  await conflict.getByRole('button', { name: 'Reload theirs' }).click();
  await expect(conflict).toHaveCount(0);
  await expect(node(page, 'later')).toBeVisible();
  expect(await stepNames(page)).toEqual(['first', 'later', 'loner', 'second', 'third']);
  await expect(page).toHaveTitle(/^chain/);
});

test('switching workflows with unsaved changes asks first, and saying no keeps the edits', async ({ page }) => {
  await openWorkflow(page, server, 'chain');
  await node(page, 'loner').click();
  await page.keyboard.press('Delete');
  await expect(page).toHaveTitle(/^● chain/);

  await switchTo(page, 'refs');
  await expect(page.getByRole('dialog', { name: 'Discard unsaved changes?' })).toContainText('The open workflow has unsaved changes. Discard them?');
  await answerDiscard(page, false);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('● chain');
  expect(await stepNames(page)).toEqual(['first', 'second', 'third']);
  await expect(page).toHaveTitle(/^● chain/);

  await switchTo(page, 'refs');
  await answerDiscard(page, true);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('refs');
  await expect(node(page, 'deploy')).toBeVisible();
  expect(readSteps('chain').map((step) => step.name)).toContain('loner');
});

test('renaming a step rewrites the references to it, in the inspector and on disk', async ({ page }) => {
  await openWorkflow(page, server, 'refs');
  await node(page, 'build').click();
  const name = page.getByRole('textbox', { name: 'Name' });
  await name.fill('compile');
  await name.press('Enter');
  await expect(page.locator('[data-step="compile"]')).toBeVisible();
  await expect(page.locator('[data-step="build"]')).toHaveCount(0);
  await expect(edge(page, 'compile->deploy')).toHaveCount(1);

  await node(page, 'deploy').click();
  await expect(page.getByRole('textbox', { name: 'command' })).toHaveValue('echo deploying ${{ steps.compile.outputs.version }}');
  await expect(page.getByRole('region', { name: 'Problems' })).toHaveCount(0);
  await shot(page, 'editor-renamed');
  await clickPane(page);
  await page.keyboard.press('Control+s');
  await expect(page).toHaveTitle(/^refs/);
  const saved = readSteps('refs');
  expect(saved.map((step) => step.name)).toEqual(['compile', 'deploy']);
  expect(saved[1]!.dependencies).toEqual(['compile']);
  expect(saved[1]!.parameters).toEqual({ command: 'echo deploying ${{ steps.compile.outputs.version }}' });
  expect(readFileSync(workflowFile(server, 'refs'), 'utf8')).not.toMatch(/steps\.build|\[build\]|name: build/);
});
