// The canvas as a user reads and draws on it (issue 10, Editor): palette drops land where they are dropped however the
// canvas resizes after, pastes and duplicates never cover a step, edges end in arrowheads, each step shows its action's
// glyph and what it does, fitting keeps a small workflow readable and the minimap clear (and whole when asked with
// nothing selected), auto-layout shows everything.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { boxOf, centreOf, node, nodeBoxes, openWorkflow, overlap, shot, type Box } from './app-page.js';
import { serve, type Served } from './serve.js';

let server: Served;

test.beforeEach(async () => {
  server = await serve('canvas-project');
});

test.afterEach(async () => {
  await server.stop();
});

const contains = (box: Box, point: { x: number; y: number }): boolean =>
  point.x >= box.x && point.x <= box.x + box.width && point.y >= box.y && point.y <= box.y + box.height;

/** Pairs of steps that cover each other on screen. */
async function overlapping(page: Page): Promise<string[]> {
  const entries = Object.entries(await nodeBoxes(page));
  return entries.flatMap(([a, boxA], i) => entries.slice(i + 1).filter(([, boxB]) => overlap(boxA, boxB)).map(([b]) => `${a}/${b}`));
}

const zoom = async (page: Page): Promise<number> =>
  Number(/scale\(([\d.]+)\)/.exec((await page.locator('.react-flow__viewport').getAttribute('style')) ?? '')?.[1]);

/** A real drag from a palette entry to a point on the page, as a hand makes it (HTML5 drag and drop). */
async function dropAction(page: Page, action: string, at: { x: number; y: number }): Promise<void> {
  await page.locator(`[data-action="${action}"]`).hover();
  await page.mouse.down();
  await page.mouse.move(at.x, at.y, { steps: 6 });
  await page.mouse.up();
}

test('four palette drops at four points give four steps at those points, the inspector open throughout', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openWorkflow(page, server, 'blank', { empty: true });
  const pane = await boxOf(page.locator('.react-flow__pane'));
  // Within the canvas as it will be once the inspector takes its right side.
  const points = [{ x: 130, y: 110 }, { x: 430, y: 110 }, { x: 130, y: 330 }, { x: 430, y: 330 }].map((p) => ({ x: pane.x + p.x, y: pane.y + p.y }));
  const actions = ['shell.run', 'http.request', 'file.write', 'control.delay'];
  for (const [index, point] of points.entries()) {
    await dropAction(page, actions[index]!, point);
    await expect(page.locator('[data-step]')).toHaveCount(index + 1);
    await expect(page.getByRole('complementary', { name: /^Inspector:/ })).toBeVisible();
  }
  const boxes = await nodeBoxes(page);
  const names = ['shell-run', 'http-request', 'file-write', 'control-delay'];
  expect(Object.keys(boxes).sort()).toEqual([...names].sort());
  // Each step sits on its drop point, measured with the inspector open (the canvas narrowed after the first drop).
  names.forEach((name, index) => {
    expect(contains(boxes[name]!, points[index]!), `${name} covers its drop point`).toBe(true);
    const centre = centreOf(boxes[name]!);
    expect(Math.hypot(centre.x - points[index]!.x, centre.y - points[index]!.y)).toBeLessThan(12);
  });
  expect(await overlapping(page)).toEqual([]);
  expect(await zoom(page)).toBe(1);
  await shot(page, 'canvas-four-drops');

  // A fifth drop onto a step already there goes beside it, not on it.
  await dropAction(page, 'control.noop', points[0]!);
  await expect(page.locator('[data-step]')).toHaveCount(5);
  expect(await overlapping(page)).toEqual([]);
});

test('paste over the original and repeated duplicates never cover a step', async ({ page }) => {
  await openWorkflow(page, server, 'pair');
  await node(page, 'install').click();
  await page.keyboard.press('Control+c');
  // The pointer on the original itself: a paste there would cover it.
  const original = centreOf(await boxOf(node(page, 'install')));
  await page.mouse.move(original.x, original.y);
  await page.keyboard.press('Control+v');
  await expect(page.locator('[data-step]')).toHaveCount(3);
  expect(await overlapping(page)).toEqual([]);
  await node(page, 'install').click();
  for (let round = 0; round < 3; round++) await page.keyboard.press('Control+d');
  await expect(page.locator('[data-step]')).toHaveCount(6);
  expect(await overlapping(page)).toEqual([]);
  await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
  await page.keyboard.press('f');
  await page.waitForTimeout(300);
  await shot(page, 'canvas-pasted-duplicated');
});

test("each step shows its action's glyph and what it does, whole on hover; every edge ends in an arrowhead", async ({ page }) => {
  await openWorkflow(page, server, 'pair');
  const install = page.locator('[data-step="install"]');
  const command = 'npm ci --no-audit --prefer-offline && npm run build -- --mode production';
  await expect(install.locator('.step-node__summary')).toHaveText(command);
  await expect(install.locator('.step-node__summary')).toHaveAttribute('title', command);
  // Ellipsised on the node: the line is narrower than its text.
  expect(await install.locator('.step-node__summary').evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  await expect(install.locator('.step-node__glyph')).toHaveText('❯');
  await expect(page.locator('[data-step="ping"] .step-node__summary')).toHaveText('POST https://status.example.com/api/health');
  await expect(page.locator('[data-step="ping"] .step-node__glyph')).toHaveText('◍');

  const path = page.locator('.react-flow__edge[data-id="install->ping"] .react-flow__edge-path');
  const marker = await path.getAttribute('marker-end');
  expect(marker).toMatch(/^url\('?#.+'?\)$/);
  const markerId = /#([^')]+)/.exec(marker!)![1]!;
  await expect(page.locator(`marker[id="${markerId}"]`)).toHaveCount(1);
  // The arrowhead points into the dependent step: its end is at ping's left edge.
  const edgeEnd = await path.evaluate((el) => {
    const p = el as SVGPathElement;
    const end = p.getPointAtLength(p.getTotalLength());
    const point = new DOMPoint(end.x, end.y).matrixTransform(p.getScreenCTM()!);
    return { x: point.x, y: point.y };
  });
  const ping = await boxOf(node(page, 'ping'));
  expect(Math.abs(edgeEnd.x - ping.x)).toBeLessThan(8);

  // The run view's canvas draws the same: arrowheads, glyphs, summaries.
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.locator('[data-step="install"]')).toHaveAttribute('data-status', /succeeded|failed/, { timeout: 30_000 });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Runs' }).click();
  await page.getByRole('list', { name: 'Run history' }).locator('[data-run-status]').first().click();
  const runCanvas = page.getByLabel('Run graph');
  await expect(runCanvas.locator('.react-flow__edge-path').first()).toHaveAttribute('marker-end', /^url\(/);
  await expect(runCanvas.locator('[data-step="install"] .step-node__summary')).toHaveText(command);
  // A skipped step says why in place of its summary (npm ci fails in a folder without package.json).
  await expect(runCanvas.locator('[data-step="ping"] .step-node__summary')).toHaveText('dependency "install" failed');
  await expect(runCanvas.locator('[data-step="install"] .step-node__glyph')).toHaveText('❯');
  await shot(page, 'canvas-run-view');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Editor' }).click();

  // Palette names are ellipsised, whole on hover.
  const longName = page.locator('[data-action="environment_setup.check_environment"] .palette__name');
  await expect(longName).toHaveAttribute('title', 'environment_setup.check_environment');
  expect(await longName.evaluate((el) => getComputedStyle(el).textOverflow)).toBe('ellipsis');
  expect(await longName.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
});

for (const size of [{ width: 1440, height: 900 }, { width: 1024, height: 700 }]) {
  test(`fit keeps a two-step workflow readable with the inspector open, clear of the minimap (${size.width}×${size.height})`, async ({ page }) => {
    await page.setViewportSize(size);
    await openWorkflow(page, server, 'pair');
    await expect.poll(() => zoom(page)).toBeGreaterThanOrEqual(0.75);
    await node(page, 'install').click();
    await expect(page.getByRole('complementary', { name: 'Inspector: install' })).toBeVisible();
    const minimapButton = page.getByRole('button', { name: 'Show minimap' });
    if ((await minimapButton.getAttribute('aria-pressed')) !== 'true') await minimapButton.click();
    await page.getByRole('button', { name: 'Fit', exact: true }).click();
    await page.waitForTimeout(400);
    expect(await zoom(page)).toBeGreaterThanOrEqual(0.75);
    // The selected step stays in view, and no step lies under the minimap.
    const pane = await boxOf(page.locator('.react-flow__pane'));
    const install = await boxOf(node(page, 'install'));
    expect(install.x).toBeGreaterThanOrEqual(pane.x);
    expect(install.x + install.width).toBeLessThanOrEqual(pane.x + pane.width);
    const minimap = await boxOf(page.locator('.react-flow__minimap'));
    for (const [name, box] of Object.entries(await nodeBoxes(page))) expect(overlap(box, minimap), `${name} is under the minimap`).toBe(false);
    expect(overlap(await boxOf(page.getByLabel('Zoom controls')), minimap)).toBe(false);
    await shot(page, `canvas-small-inspector-${size.width}`);
  });

  test(`auto-layout leaves the whole medium workflow in view, clear of the minimap (${size.width}×${size.height})`, async ({ page }) => {
    await page.setViewportSize(size);
    await openWorkflow(page, server, 'pipeline');
    await node(page, 'build').click();
    await expect(page.getByRole('complementary', { name: 'Inspector: build' })).toBeVisible();
    const minimapButton = page.getByRole('button', { name: 'Show minimap' });
    if ((await minimapButton.getAttribute('aria-pressed')) !== 'true') await minimapButton.click();
    await shot(page, `canvas-medium-inspector-${size.width}`);
    await page.getByRole('button', { name: 'Layout ↓' }).click();
    await page.waitForTimeout(500);
    const pane = await boxOf(page.locator('.react-flow__pane'));
    const minimap = await boxOf(page.locator('.react-flow__minimap'));
    const boxes = await nodeBoxes(page);
    expect(Object.keys(boxes)).toHaveLength(11);
    for (const [name, box] of Object.entries(boxes)) {
      expect(box.x >= pane.x && box.y >= pane.y && box.x + box.width <= pane.x + pane.width && box.y + box.height <= pane.y + pane.height, `${name} in view`).toBe(true);
      expect(overlap(box, minimap), `${name} is under the minimap`).toBe(false);
    }
    await shot(page, `canvas-medium-layout-${size.width}`);
  });

  test(`Fit with no step selected shows a small workflow whole, as far out as names are drawn (${size.width}×${size.height})`, async ({ page }) => {
    // Five steps in four layers: beside the palette at 1024 px, they do not fit at the readable zoom they open at.
    const steps = [
      '  - { name: install, module: shell, action: run, parameters: { command: "npm ci" } }',
      '  - { name: lint, module: shell, action: run, parameters: { command: "npm run lint" }, dependencies: [install] }',
      '  - { name: compile, module: shell, action: run, parameters: { command: "npm run build" }, dependencies: [install] }',
      '  - { name: test, module: shell, action: run, parameters: { command: "npm test" }, dependencies: [compile] }',
      '  - { name: package, module: shell, action: run, parameters: { command: "npm pack" }, dependencies: [lint, test] }',
    ];
    writeFileSync(join(server.project, '.codomyrmex', 'workflows', 'five.yaml'), ['version: 1', 'name: five', 'steps:', ...steps].join('\n'));
    await page.setViewportSize(size);
    await openWorkflow(page, server, 'five');
    await expect(page.locator('[data-step]')).toHaveCount(5);
    await page.getByRole('button', { name: 'Fit', exact: true }).click();
    await page.waitForTimeout(400);
    const pane = await boxOf(page.locator('.react-flow__pane'));
    for (const [name, box] of Object.entries(await nodeBoxes(page))) {
      expect(box.x >= pane.x && box.y >= pane.y && box.x + box.width <= pane.x + pane.width && box.y + box.height <= pane.y + pane.height, `${name} in view`).toBe(true);
    }
    // Names stay drawn: no further out than a medium workflow fits.
    expect(await zoom(page)).toBeGreaterThanOrEqual(0.4);
    await expect(page.locator('[data-step="package"] .step-node__name')).toBeVisible();
    await shot(page, `canvas-small-fit-${size.width}`);
  });
}
