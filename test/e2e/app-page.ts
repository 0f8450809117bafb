// Finding one's way around the app's page as a user does, shared by the specs: open a workflow, the main views, steps,
// nodes and edges on the canvas, their positions and boxes, and screenshots at the sizes we look at.
import { expect, type Locator, type Page } from '@playwright/test';
import { join } from 'node:path';
import type { Served } from './serve.js';

export const SHOTS = 'test-results/e2e/screenshots';
/** The two window sizes every changed view is looked at in. */
export const SIZES = [{ width: 1440, height: 900 }, { width: 1024, height: 700 }] as const;

export interface Box { x: number; y: number; width: number; height: number }

/** Opens `name` from the Projects view's list; waits for its heading and, unless it is `empty`, its first step. */
export async function openWorkflow(page: Page, server: Served, name: string, { empty = false } = {}): Promise<void> {
  await page.goto(server.url);
  await page.getByRole('button', { name: new RegExp(`^${name}\\b`) }).first().click();
  await expect(page.getByRole('heading', { name }).first()).toBeVisible();
  if (!empty) await expect(page.locator('[data-step]').first()).toBeVisible();
}

/** Goes to one of the main views (Projects, Editor, Runs, Resources…) through the main navigation. */
export const nav = (page: Page, view: string): Promise<void> => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: view }).click();

/** A project's card on the dashboard. */
export const card = (page: Page, name: string): Locator => page.getByRole('article', { name });

/** A workflow's file in the served project. */
export const workflowFile = (server: Served, name: string): string => join(server.project, '.codomyrmex', 'workflows', `${name}.yaml`);

/** A step as either canvas (editor or run) shows it, with its `data-status`. */
export const step = (page: Page, name: string): Locator => page.locator(`[data-step="${name}"]`);
/** A step's React Flow node (the box that is dragged, selected and measured). */
export const node = (page: Page, name: string): Locator => page.locator(`.react-flow__node[data-id="${name}"]`);
/** An edge by its id (`from->to`). */
export const edge = (page: Page, id: string): Locator => page.locator(`.react-flow__edge[data-id="${id}"]`);

/** The steps on the canvas, by name, sorted. */
export const stepNames = (page: Page): Promise<(string | null)[]> =>
  page.locator('[data-step]').evaluateAll((steps) => steps.map((element) => element.getAttribute('data-step')).sort());
/** The edges on the canvas, by id, sorted. */
export const edgeIds = (page: Page): Promise<(string | null)[]> =>
  page.locator('.react-flow__edge').evaluateAll((edges) => edges.map((element) => element.getAttribute('data-id')).sort());

/** Each step's position in the flow, from the transform React Flow gives its node. */
export const positions = (page: Page): Promise<Record<string, { x: number; y: number }>> =>
  page.locator('.react-flow__node').evaluateAll((nodes) => Object.fromEntries(nodes.map((element) => {
    const match = /translate\((-?[\d.]+)px, ?(-?[\d.]+)px\)/.exec((element as HTMLElement).style.transform);
    return [element.getAttribute('data-id'), { x: Number(match?.[1]), y: Number(match?.[2]) }];
  })));

/** Every step's box on screen, by name. */
export const nodeBoxes = (page: Page): Promise<Record<string, Box>> =>
  page.locator('.react-flow__node').evaluateAll((nodes) => Object.fromEntries(nodes.map((element) => [element.getAttribute('data-id'), element.getBoundingClientRect().toJSON() as Box])));

/** A locator's box on screen; throws when it is not on screen. */
export async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  if (box === null) throw new Error(`${locator} is not on screen`);
  return box;
}

export const centreOf = (box: Box): { x: number; y: number } => ({ x: box.x + box.width / 2, y: box.y + box.height / 2 });
/** True when the two boxes share any area. */
export const overlap = (a: Box, b: Box): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** True when a row of items (a flex line) stays on one line: no item starts below where another ends. */
export const onOneLine = (row: Locator): Promise<boolean> => row.evaluate((element) => {
  const boxes = [...element.children].map((child) => child.getBoundingClientRect()).filter((box) => box.height > 1);
  return !boxes.some((a) => boxes.some((b) => a.top >= b.bottom));
});

/** A screenshot of the page as it is, into SHOTS as `<name>.png`. */
export async function shot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, ...options });
}

/**
 * Screenshots at each of SIZES (`<name>-<width>x<height>.png`), with `subject` scrolled into view at each when given,
 * then back to the size the page had.
 */
export async function shoot(page: Page, name: string, subject?: Locator): Promise<void> {
  const before = page.viewportSize();
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await subject?.scrollIntoViewIfNeeded();
    await shot(page, `${name}-${size.width}x${size.height}`);
  }
  if (before !== null) await page.setViewportSize(before);
}

/** A group as either canvas shows it (expanded frame or collapsed node), by its name, with `data-collapsed`/`data-status`. */
export const group = (page: Page, name: string): Locator => page.locator(`[data-group="${name}"]`);

/** Screenshots at each of SIZES in the light and then the dark theme (`<name>-<theme>-<width>x<height>.png`). */
export async function shootThemes(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await colorScheme(page, scheme);
    await shoot(page, `${name}-${scheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Switches the page to the light or dark theme and waits for its colour transitions to end (a shot mid-way is neither). */
export async function colorScheme(page: Page, scheme: 'light' | 'dark'): Promise<void> {
  await page.emulateMedia({ colorScheme: scheme });
  await page.evaluate(() => Promise.all(document.getAnimations().filter((animation) => animation instanceof CSSTransition).map((animation) => animation.finished.catch(() => undefined))));
}

/** Pixels of an overview `<canvas>` (a big workflow zoomed out) drawn in the stylesheet's colour `variable` (a run status). */
export const overviewPixels = (canvas: Locator, variable: string): Promise<number> => canvas.evaluate((element: HTMLCanvasElement, name) => {
  const hex = getComputedStyle(element).getPropertyValue(name).trim();
  const value = Number.parseInt(hex.slice(1), 16);
  const [r, g, b] = [value >> 16, (value >> 8) & 255, value & 255];
  const data = element.getContext('2d')!.getImageData(0, 0, element.width, element.height).data;
  let count = 0;
  for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i]! - r) < 3 && Math.abs(data[i + 1]! - g) < 3 && Math.abs(data[i + 2]! - b) < 3 && data[i + 3]! > 250) count++;
  return count;
}, variable);
