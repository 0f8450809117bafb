// How a canvas fits a workflow into view: a small workflow never below a readable zoom, a medium one never so far out
// that its names vanish, a large one whole — and every step clear of the controls and the minimap, which sit in a
// strip along the canvas's bottom edge.
import { FAR_ZOOM } from './ZoomDetail.js';

/**
 * The furthest out a user may zoom, and a large workflow's fit: a 10,000-step overview (about 29,000 px wide when laid
 * out 100 layers deep) fits whole in a 300 px wide canvas. At 0.05 it stopped short of fitting in any window.
 */
export const MIN_ZOOM = 0.01;
/** Fitting never zooms in past this: a lone step would otherwise fill the canvas. */
export const FIT_MAX_ZOOM = 1.25;
/** The zoom at which a step's name and summary read comfortably (its 11.5 px summary stays above 8.5 px). */
export const READABLE_ZOOM = 0.75;
/**
 * Up to this many steps a workflow is small: fitting keeps it readable even when that leaves part of it out of view
 * (a narrow canvas beside the inspector). Past it, seeing the graph matters more than reading every step.
 */
export const SMALL_WORKFLOW = 8;
/** Up to this many steps fitting stops where names are still drawn (ZoomDetail.tsx); past it the graph fits whole. */
export const MEDIUM_WORKFLOW = 30;

/**
 * How hard a fit may zoom out: by the workflow's size, `whole` (after an auto-layout: show all of it), or `glance` (a
 * small workflow the user asked to fit with nothing selected: see askedFitReach).
 */
export type FitReach = 'small' | 'medium' | 'large' | 'whole' | 'glance';

export const fitReach = (stepCount: number): FitReach =>
  stepCount <= SMALL_WORKFLOW ? 'small' : stepCount <= MEDIUM_WORKFLOW ? 'medium' : 'large';

const FLOOR: Record<FitReach, number> = { small: READABLE_ZOOM, medium: FAR_ZOOM, large: MIN_ZOOM, whole: MIN_ZOOM, glance: READABLE_ZOOM };
/**
 * The zoom a small workflow may go down to when its whole graph then shows: a three-step chain opened at 1024×700 beside
 * the palette was cut off a few pixels short of its last step at the readable zoom (its names still read at 0.65).
 */
export const NEARLY_READABLE_ZOOM = 0.65;
/** Where a rule lets a fit go below its floor, as far as this, when the whole graph then shows (FitRule.wholeFrom). */
const WHOLE_FROM: Partial<Record<FitReach, number>> = { small: NEARLY_READABLE_ZOOM, glance: FAR_ZOOM };

/**
 * How far a fit the user asks for (Fit, F, the zoom controls' fit) may zoom out. With a step selected, as far as the
 * canvas's own rule: that step stays in view at a readable zoom. With none, a small workflow fits whole if it can
 * while its names are drawn (FAR_ZOOM), else it stays readable, its start in view: at a narrow canvas (1024 px wide,
 * the palette open) a Fit that showed a five-step workflow's first steps and nothing of the rest, with nothing to keep
 * in view, read as no fit; an eight-step chain, too long to show whole with its names drawn, stays readable.
 */
export const askedFitReach = (reach: FitReach, anySelected: boolean): FitReach => (reach === 'small' && !anySelected ? 'glance' : reach);

/** The minimap's size on screen: smaller on a narrow canvas, where the full size would hide half of it. */
export type MinimapSize = { width: number; height: number };
export const MINIMAP_SIZES = { wide: { width: 168, height: 104 }, narrow: { width: 104, height: 66 } } as const;
/** Below this canvas width the minimap is the narrow one, and hidden unless the user asks for it. */
export const NARROW_CANVAS = 560;
/** React Flow's margin around its panels (controls, minimap). */
const PANEL_MARGIN = 15;
/** The zoom controls, laid out in a row at the bottom left. */
const CONTROLS_HEIGHT = 28;
const EDGE_PADDING = 24;

/** How far a fit may zoom either way, and the room it leaves clear along each edge (px). */
export interface FitRule {
  minZoom: number;
  maxZoom: number;
  /** A fit may go below minZoom, as far as this, where the whole graph then shows. */
  wholeFrom?: number;
  padding: { top: number; right: number; bottom: number; left: number };
}

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

const rules = new Map<string, FitRule>();

/** The rule for a canvas; the same object for the same answers, so effects that depend on it do not re-run. */
export function fitRule(reach: FitReach, minimap: MinimapSize | null): FitRule {
  const key = `${reach}/${minimap?.height ?? 0}`;
  let rule = rules.get(key);
  if (rule === undefined) {
    const strip = (minimap?.height ?? CONTROLS_HEIGHT) + PANEL_MARGIN + 12;
    const wholeFrom = WHOLE_FROM[reach];
    rule = {
      minZoom: FLOOR[reach], maxZoom: FIT_MAX_ZOOM, padding: { top: EDGE_PADDING, right: EDGE_PADDING, bottom: strip, left: EDGE_PADDING },
      ...(wholeFrom !== undefined ? { wholeFrom } : {}),
    };
    rules.set(key, rule);
  }
  return rule;
}

/**
 * The viewport that shows `bounds` in a canvas of `size` under `rule`: centred where it fits. Where the zoom is held at
 * its floor and it does not, `focus` (the selected steps) is centred as far as the graph allows — or, with no focus,
 * the graph's top-left corner, where a workflow starts, stays in view rather than its middle.
 */
export function viewportFor(bounds: Bounds, size: { width: number; height: number }, rule: FitRule, focus: Bounds | null = null): Viewport {
  const { top, right, bottom, left } = rule.padding;
  const room = { width: Math.max(1, size.width - left - right), height: Math.max(1, size.height - top - bottom) };
  const wanted = Math.min(room.width / Math.max(1, bounds.width), room.height / Math.max(1, bounds.height));
  const floor = rule.wholeFrom !== undefined && wanted >= rule.wholeFrom ? rule.wholeFrom : rule.minZoom;
  const zoom = Math.min(rule.maxZoom, Math.max(floor, wanted));
  const along = (start: number, extent: number, space: number, margin: number, focusStart?: number, focusExtent?: number): number => {
    if (extent * zoom <= space) return margin + (space - extent * zoom) / 2 - start * zoom;
    const showStart = margin - start * zoom;
    if (focusStart === undefined || focusExtent === undefined) return showStart;
    const showEnd = margin + space - (start + extent) * zoom;
    const centred = margin + space / 2 - (focusStart + focusExtent / 2) * zoom;
    return Math.min(showStart, Math.max(showEnd, centred));
  };
  return {
    x: along(bounds.x, bounds.width, room.width, left, focus?.x, focus?.width),
    y: along(bounds.y, bounds.height, room.height, top, focus?.y, focus?.height),
    zoom,
  };
}

/** The viewport that fits `nodes` (their selected ones kept in view) in a canvas of `size`; null with no step. */
export function fitViewport(nodes: readonly FitNode[], size: { width: number; height: number }, rule: FitRule): Viewport | null {
  const bounds = nodesBounds(nodes);
  if (bounds === null) return null;
  // Where the whole graph does not fit, the selected steps stay in view (the step the inspector just opened for).
  return viewportFor(bounds, size, rule, nodesBounds(nodes.filter((node) => node.selected === true)));
}

type FitNode = { position: { x: number; y: number }; width?: number; height?: number; measured?: { width?: number; height?: number }; selected?: boolean; parentId?: string };

/** The box around nodes at their positions, with their sizes (measured, else given). */
export function nodesBounds(nodes: readonly FitNode[]): Bounds | null {
  // A group's steps sit inside its box, at positions relative to it: the group's node stands for them.
  nodes = nodes.filter((node) => node.parentId === undefined);
  if (nodes.length === 0) return null;
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (const node of nodes) {
    x1 = Math.min(x1, node.position.x);
    y1 = Math.min(y1, node.position.y);
    x2 = Math.max(x2, node.position.x + (node.measured?.width ?? node.width ?? 0));
    y2 = Math.max(y2, node.position.y + (node.measured?.height ?? node.height ?? 0));
  }
  return { x: x1, y: y1, width: x2 - x1, height: y2 - y1 };
}

/**
 * The viewport that brings `bounds` (steps just put on the canvas: an unpacked subflow) into the room `rule` leaves
 * clear, or null when they already stand in it — the view then stays where the user had it. It zooms out only as far
 * as they need and never zooms in: the rest of the graph stays as readable as the user left it.
 */
export function revealViewport(bounds: Bounds, size: { width: number; height: number }, rule: FitRule, current: Viewport): Viewport | null {
  const { top, right, bottom, left } = rule.padding;
  const x1 = bounds.x * current.zoom + current.x;
  const y1 = bounds.y * current.zoom + current.y;
  const x2 = (bounds.x + bounds.width) * current.zoom + current.x;
  const y2 = (bounds.y + bounds.height) * current.zoom + current.y;
  if (x1 >= left && y1 >= top && x2 <= size.width - right && y2 <= size.height - bottom) return null;
  return viewportFor(bounds, size, { ...rule, minZoom: Math.min(MIN_ZOOM, current.zoom), maxZoom: current.zoom });
}
