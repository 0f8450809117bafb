// The overview layer of a big workflow (issue 16): a 10,000-step workflow opens zoomed out as one drawn <canvas> with no
// step nodes in the DOM; zooming in brings real, named step nodes back; a click on a drawn step selects it and zooms
// in on it; a run's statuses colour the overview in the run view. Screenshots at two window sizes, out and in.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { overviewPixels } from './app-page.js';
import { serve, type Served } from './serve.js';

const SHOTS = 'test-results/e2e/screenshots';
let server: Served;

test.beforeEach(async () => {
  server = await serve('canvas-project');
});

test.afterEach(async () => {
  await server.stop();
});

/** Layers of `width` steps, each depending on one step of the layer before; `last` replaces the final step. */
function layered(name: string, count: number, width: number, last?: string): string {
  const lines = Array.from({ length: count }, (_, i) => {
    const deps = i < width ? '' : `s${i - width}`;
    if (i === count - 1 && last !== undefined) return `  - { name: s${i}, ${last}, dependencies: [${deps}] }`;
    return `  - { name: s${i}, module: control, action: noop, dependencies: [${deps}] }`;
  });
  return `version: 1\nname: ${name}\nsteps:\n${lines.join('\n')}\n`;
}

function addWorkflow(file: string, text: string): void {
  writeFileSync(join(server.project, '.codomyrmex', 'workflows', file), text);
}

const overview = (page: Page) => page.locator('[data-overview]');
const zoomOf = (page: Page) => page.evaluate(() => Number(/scale\(([\d.]+)\)/.exec(document.querySelector<HTMLElement>('.react-flow__viewport')!.style.transform)?.[1]));

const pixelsOf = (page: Page, variable: string) => overviewPixels(overview(page), variable);

/** Where a point of the graph (flow coordinates) is on screen, from React Flow's viewport transform. */
const onScreen = (viewport: Locator, point: { x: number; y: number }) => viewport.evaluate((element: HTMLElement, at) => {
  const [, x, y, zoom] = /translate\(([-\d.]+)px, ([-\d.]+)px\) scale\(([\d.]+)\)/.exec(element.style.transform)!.map(Number);
  const origin = element.parentElement!.getBoundingClientRect();
  return { x: origin.x + x! + at.x * zoom!, y: origin.y + y! + at.y * zoom! };
}, point);

async function openWorkflow(page: Page, name: string): Promise<void> {
  await page.goto(server.url);
  await page.getByRole('button', { name: new RegExp(`^${name}\\b`) }).first().click();
}

for (const size of [{ width: 1440, height: 900 }, { width: 1024, height: 700 }]) {
  test(`a 10,000-step workflow opens as a drawn overview; zooming in brings named step nodes back (${size.width}×${size.height})`, async ({ page }) => {
    test.setTimeout(120_000);
    addWorkflow('huge.yaml', layered('huge', 10_000, 100));
    await page.setViewportSize(size);
    await openWorkflow(page, 'huge');
    await expect(overview(page)).toHaveAttribute('data-drawn', /^[1-9]\d*$/, { timeout: 60_000 });
    await expect(overview(page)).toHaveAccessibleName(/Overview of 10,000 steps/);
    // The fit shows all of it (it stopped at a 5% zoom that left most of it out of view).
    await expect(overview(page)).toHaveAttribute('data-drawn', '10000');
    // Zoomed out, React Flow holds every step but renders none of them.
    await expect(page.locator('[data-step]')).toHaveCount(0);
    await page.screenshot({ path: `${SHOTS}/overview-10000-out-${size.width}x${size.height}.png` });

    const pane = (await page.locator('.react-flow__pane').boundingBox())!;
    await page.mouse.move(pane.x + pane.width / 2, pane.y + pane.height / 2);
    for (let i = 0; i < 30 && (await zoomOf(page)) < 0.75; i++) await page.mouse.wheel(0, -240);
    await expect(overview(page)).toHaveCount(0);
    const steps = page.locator('[data-step]');
    await expect(steps.first()).toBeVisible();
    // Only what can be read is in the DOM: a window's worth of steps, each with its name.
    expect(await steps.count()).toBeLessThan(200);
    await expect(steps.first().locator('.step-node__name')).toHaveText(/^s\d+$/);
    await page.screenshot({ path: `${SHOTS}/overview-10000-in-${size.width}x${size.height}.png` });

    // Back out, the overview returns and the DOM nodes go.
    for (let i = 0; i < 30 && (await zoomOf(page)) > 0.2; i++) await page.mouse.wheel(0, 240);
    await expect(overview(page)).toBeVisible();
    await expect(steps).toHaveCount(0);
  });
}

test('a click on a drawn step selects it and zooms in on it; it can then be dragged', async ({ page }) => {
  test.setTimeout(120_000);
  addWorkflow('big.yaml', layered('big', 2000, 40));
  await page.setViewportSize({ width: 1440, height: 900 });
  await openWorkflow(page, 'big');
  await expect(overview(page)).toHaveAttribute('data-drawn', '2000', { timeout: 60_000 });
  // The minimap (shown by default up to 2,000 steps) draws the graph too, and pans the view where it is pressed.
  const minimap = page.locator('.react-flow__minimap').getByRole('img', { name: 'Minimap' });
  await expect(minimap).toBeVisible();
  const viewport = page.locator('.react-flow__viewport');
  const viewBefore = await viewport.getAttribute('style');
  const map = (await minimap.boundingBox())!;
  await page.mouse.click(map.x + map.width * 0.8, map.y + map.height / 2);
  await expect.poll(() => viewport.getAttribute('style')).not.toBe(viewBefore);
  await page.getByRole('button', { name: 'Fit view' }).click();
  await page.waitForTimeout(400);
  // s0 is the first layer's top step: drawn at the graph's top-left corner.
  const box = await onScreen(page.locator('.react-flow__viewport'), { x: 5, y: 5 });
  await page.mouse.click(box.x, box.y);
  const s0 = page.locator('[data-step="s0"]');
  await expect(s0).toBeVisible();
  await expect(s0).toHaveAttribute('data-selected', 'true');
  await expect(page.getByRole('textbox', { name: 'Name', exact: true })).toHaveValue('s0');
  expect(await zoomOf(page)).toBeGreaterThanOrEqual(0.75);
  // Dragging still moves it (the move is an edit: the file is dirty).
  const before = (await s0.boundingBox())!;
  await page.mouse.move(before.x + 60, before.y + 20);
  await page.mouse.down();
  await page.mouse.move(before.x + 160, before.y + 80, { steps: 8 });
  await page.mouse.up();
  const after = (await s0.boundingBox())!;
  expect(after.x - before.x).toBeGreaterThan(60);
});

test('shift-dragging a band over the overview selects the steps under it; Delete then removes them', async ({ page }) => {
  test.setTimeout(120_000);
  addWorkflow('big.yaml', layered('big', 2000, 40));
  await page.setViewportSize({ width: 1440, height: 900 });
  await openWorkflow(page, 'big');
  await expect(overview(page)).toHaveAttribute('data-drawn', '2000', { timeout: 60_000 });
  // Laid out 292 px per layer and 104 px per row: the band covers layers 10 and 11, rows 10 to 14 — 10 steps, away from
  // the pane's edges (where a band pans the view).
  const viewport = page.locator('.react-flow__viewport');
  const from = await onScreen(viewport, { x: 2910, y: 1030 });
  const to = await onScreen(viewport, { x: 3312, y: 1506 });
  await page.keyboard.down('Shift');
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  await page.screenshot({ path: `${SHOTS}/overview-band-1440x900.png` });
  await page.keyboard.press('Delete');
  await expect(overview(page)).toHaveAccessibleName(/Overview of 1,990 steps/);
  await expect(page.getByRole('heading', { name: /unsaved changes/ })).toBeVisible();
});

test('an expanded group\'s frame is drawn on the overview in its colour, in the editor and the run view', async ({ page }) => {
  test.setTimeout(120_000);
  await page.emulateMedia({ colorScheme: 'light' });
  const frame = '{ id: g1, name: Head, colour: purple, steps: [s0, s1, s2], collapsed: false, x: -40, y: -60, width: 1400, height: 1100 }';
  addWorkflow('framed.yaml', layered('framed', 1000, 25).replace('\nsteps:\n', `\nui: { groups: [${frame}] }\nsteps:\n`));
  await page.setViewportSize({ width: 1440, height: 900 });
  await openWorkflow(page, 'framed');
  await expect(overview(page)).toHaveAttribute('data-drawn', '1000', { timeout: 60_000 });
  await expect.poll(() => pixelsOf(page, '--group-purple')).toBeGreaterThan(100);
  await page.screenshot({ path: `${SHOTS}/overview-group-frame-1440x900.png` });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.getByRole('button', { name: 'Open run' }).click();
  await expect(page.locator('.run-detail [data-overview]')).toHaveAttribute('data-drawn', /^[1-9]\d*$/);
  // Its outline, partly under the steps drawn over it (as on the canvas, where the frame is behind them).
  await expect.poll(() => overviewPixels(page.locator('.run-detail [data-overview]'), '--group-purple')).toBeGreaterThan(20);
  await page.screenshot({ path: `${SHOTS}/overview-group-frame-run-1440x900.png` });
  await page.setViewportSize({ width: 1024, height: 700 });
  await expect.poll(() => overviewPixels(page.locator('.run-detail [data-overview]'), '--group-purple')).toBeGreaterThan(20);
  await page.screenshot({ path: `${SHOTS}/overview-group-frame-run-1024x700.png` });
});

test('a run\'s statuses colour the overview in the run view', async ({ page }) => {
  test.setTimeout(120_000);
  await page.emulateMedia({ colorScheme: 'light' });
  addWorkflow('wide.yaml', layered('wide', 1000, 25, 'module: control, action: delay, parameters: { seconds: 4 }'));
  await page.setViewportSize({ width: 1440, height: 900 });
  await openWorkflow(page, 'wide');
  await expect(overview(page)).toHaveAttribute('data-drawn', '1000', { timeout: 60_000 });
  expect(await pixelsOf(page, '--status-succeeded')).toBe(0);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.getByRole('button', { name: 'Open run' }).click();
  await expect(page.locator('.run-detail')).toBeVisible();
  // The last step waits 4 s: meanwhile the others have succeeded and it runs.
  await expect.poll(() => pixelsOf(page, '--status-succeeded'), { timeout: 30_000 }).toBeGreaterThan(500);
  await expect.poll(() => pixelsOf(page, '--status-running'), { timeout: 10_000 }).toBeGreaterThan(0);
  await page.screenshot({ path: `${SHOTS}/overview-run-1440x900.png` });
  await expect.poll(() => pixelsOf(page, '--status-running'), { timeout: 20_000 }).toBe(0);
  // A click on a drawn step opens it, zoomed in, as in the editor.
  const corner = await onScreen(page.locator('.run-detail .react-flow__viewport'), { x: 5, y: 5 });
  await page.mouse.click(corner.x, corner.y);
  await expect(page.locator('[data-step="s0"]')).toHaveAttribute('data-selected', 'true');
  await expect(page.locator('[data-step="s0"]')).toHaveAttribute('data-status', 'succeeded');
});

test('a collapsed group is drawn on the overview as its node, in its colour, and a click on it expands it — in the run view and the editor', async ({ page }) => {
  test.setTimeout(120_000);
  await page.emulateMedia({ colorScheme: 'light' });
  // s0, s1 and s2 (the first layer's top three, laid out 104 px apart) folded into one node at the frame's corner.
  const folded = '{ id: g1, name: Head, colour: purple, steps: [s0, s1, s2], collapsed: true, x: -40, y: -60, width: 300, height: 360 }';
  addWorkflow('folded.yaml', layered('folded', 1000, 25).replace('\nsteps:\n', `\nui: { groups: [${folded}] }\nsteps:\n`));
  const groupCentre = { x: -40 + 120, y: -60 + 42 };
  for (const size of [{ width: 1024, height: 700 }, { width: 1440, height: 900 }]) {
    await page.setViewportSize(size);
    await openWorkflow(page, 'folded');
    await expect(overview(page)).toHaveAttribute('data-drawn', /^[1-9]\d*$/, { timeout: 60_000 });
    // Zoomed in on it, still too far out to read a step: its name is drawn, and its band of purple down its left edge
    // (before, it was a grey step-sized box like any step).
    const at = await onScreen(page.locator('.react-flow__viewport'), groupCentre);
    await page.mouse.move(at.x, at.y);
    for (let i = 0; i < 40 && (await zoomOf(page)) < 0.25; i++) await page.mouse.wheel(0, -100);
    expect(await zoomOf(page)).toBeLessThan(0.4);
    await expect.poll(() => pixelsOf(page, '--group-purple')).toBeGreaterThan(30);
    await page.screenshot({ path: `${SHOTS}/overview-collapsed-group-${size.width}x${size.height}.png` });
  }

  // The run view: drawn the same, in the colour of its steps' statuses; a click opens it there, as on its node.
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.getByRole('button', { name: 'Open run' }).click();
  await expect(page.locator('.run-detail')).toHaveAttribute('data-run-status', 'completed', { timeout: 30_000 });
  const runOverview = page.locator('.run-detail [data-overview]');
  await expect.poll(() => overviewPixels(runOverview, '--group-purple')).toBeGreaterThan(10);
  await page.screenshot({ path: `${SHOTS}/overview-collapsed-group-run-1440x900.png` });
  const inRun = await onScreen(page.locator('.run-detail .react-flow__viewport'), groupCentre);
  await page.mouse.click(inRun.x, inRun.y);
  await expect(page.locator('.run-detail [data-group="Head"]')).not.toHaveAttribute('data-collapsed', 'true');
  for (const name of ['s0', 's1', 's2']) await expect(page.locator(`.run-detail [data-step="${name}"]`)).toHaveAttribute('data-status', 'succeeded');
  await page.screenshot({ path: `${SHOTS}/overview-collapsed-group-run-opened-1440x900.png` });

  // The editor: the click is an expand the user can undo, and the view zooms in on the group's steps.
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Editor' }).click();
  await expect(overview(page)).toBeVisible();
  const inEditor = await onScreen(page.locator('.react-flow__viewport'), groupCentre);
  await page.mouse.click(inEditor.x, inEditor.y);
  await expect(page.locator('[data-group="Head"]')).not.toHaveAttribute('data-collapsed', 'true');
  for (const name of ['s0', 's1', 's2']) await expect(page.locator(`[data-step="${name}"]`)).toBeVisible();
  await expect(page.getByRole('heading', { name: /unsaved changes/ })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/overview-collapsed-group-opened-1024x700.png` });
  await page.keyboard.press('Control+z');
  await expect(page.locator('[data-group="Head"]')).toHaveAttribute('data-collapsed', 'true');
});
