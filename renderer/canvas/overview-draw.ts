// Draws a big workflow zoomed out past reading on one 2D canvas — a box per step filled with its run status, a curve
// per dependency, a frame per expanded group, a collapsed group as its node — instead of thousands of DOM nodes; and
// finds the step (or collapsed group) under a point there. Pure: no React.
import { GROUP_COLOURS } from '../../shared/workflow-groups.js';
import { NODE_HEIGHT, NODE_WIDTH } from './node-size.js';
import { collapsedGroupOf, drawCollapsedGroup, type GroupColours, type OverviewGroup } from './overview-groups.js';

/** A node as the canvas holds it: a step, or a collapsed group's node (its `type` and `data` say which, and its size). */
export interface OverviewNode {
  id: string;
  position: { x: number; y: number };
  selected?: boolean;
  /** Its box; a step's NODE_WIDTH×NODE_HEIGHT when not given. */
  width?: number;
  height?: number;
  type?: string;
  data?: unknown;
}

export const widthOf = (node: OverviewNode): number => node.width ?? NODE_WIDTH;
export const heightOf = (node: OverviewNode): number => node.height ?? NODE_HEIGHT;

/** An expanded group's frame, behind its steps as on the canvas; `colour` is one of the group colours. */
export interface OverviewFrame {
  x: number;
  y: number;
  width: number;
  height: number;
  colour: string;
}

export interface OverviewScene {
  nodes: readonly OverviewNode[];
  frames?: readonly OverviewFrame[];
  edges: readonly { source: string; target: string }[];
  /** Top-to-bottom layout: dependencies leave a step's bottom edge and enter the next one's top. */
  vertical: boolean;
  statusOf(step: string): string | undefined;
  invalid(step: string): boolean;
  selected(node: OverviewNode): boolean;
}

/** The stylesheet's colours (theme.css), read from the canvas element so the overview follows the light/dark theme. */
export interface OverviewPalette {
  pending: string;
  edge: string;
  text: string;
  /** The minimap's background and the mask over what lies outside the view. */
  background: string;
  mask: string;
  selected: string;
  invalid: string;
  status: Record<string, string>;
  /** Each group colour's shade (groups.css), by its name. */
  group: Record<string, string>;
}

const STATUSES = ['queued', 'running', 'retrying', 'succeeded', 'failed', 'skipped', 'cancelled', 'cached'] as const;

export function readPalette(element: Element): OverviewPalette {
  const style = getComputedStyle(element);
  const read = (name: string): string => style.getPropertyValue(name).trim() || '#8a919e';
  return {
    pending: read('--border-strong'),
    background: read('--bg-raised'),
    mask: read('--bg-sunken'),
    edge: read('--text-muted'),
    text: read('--text'),
    selected: read('--focus'),
    invalid: read('--status-failed'),
    status: Object.fromEntries(STATUSES.map((status) => [status, read(`--status-${status}`)])),
    group: Object.fromEntries(GROUP_COLOURS.map((colour) => [colour, read(`--group-${colour}`)])),
  };
}

export interface View {
  x: number;
  y: number;
  zoom: number;
}

/** Below this zoom dependencies are drawn straight (a 20 px bend is under a pixel). */
const STRAIGHT_ZOOM = 0.04;

// Each node by id, built once per node list rather than at every frame of a pan.
const nodeMaps = new WeakMap<readonly OverviewNode[], Map<string, OverviewNode>>();
function nodesById(nodes: readonly OverviewNode[]): Map<string, OverviewNode> {
  let at = nodeMaps.get(nodes);
  if (at === undefined) nodeMaps.set(nodes, (at = new Map(nodes.map((node) => [node.id, node]))));
  return at;
}

/** How far past the view a box's corner may stand and the box still meet it: a collapsed group's box (240×84) too. */
export const MARGIN_WIDTH = NODE_WIDTH + 40;
export const MARGIN_HEIGHT = NODE_HEIGHT + 20;

/** Draws the scene for React Flow's viewport `view` on a canvas of `width`×`height` CSS px; returns the steps drawn. */
export function drawOverview(ctx: CanvasRenderingContext2D, scene: OverviewScene, view: View, width: number, height: number, dpr: number, palette: OverviewPalette, clear = true): number {
  const { zoom } = view;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  if (clear) ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  ctx.setTransform(dpr * zoom, 0, 0, dpr * zoom, dpr * view.x, dpr * view.y);
  // The viewport in flow coordinates, a box's size wider so boxes and curves crossing its edge are kept.
  const left = -view.x / zoom - MARGIN_WIDTH;
  const top = -view.y / zoom - MARGIN_HEIGHT;
  const right = (width - view.x) / zoom;
  const bottom = (height - view.y) / zoom;
  const inView = (x: number, y: number): boolean => x >= left && x <= right && y >= top && y <= bottom;

  drawFrames(ctx, scene.frames ?? [], dpr, palette, { left, top, right: right + MARGIN_WIDTH, bottom: bottom + MARGIN_HEIGHT });

  const byId = nodesById(scene.nodes);
  // Zoomed out this far a curve's bend is a pixel or two: straight lines look the same and rasterise far faster
  // (10,000 steps fit whole draw 20,000 dependencies each frame).
  const straight = zoom < STRAIGHT_ZOOM;

  // Every dependency in one path: one stroke for thousands of curves.
  ctx.beginPath();
  for (const { source, target } of scene.edges) {
    const fromNode = byId.get(source);
    const toNode = byId.get(target);
    if (fromNode === undefined || toNode === undefined) continue;
    const from = fromNode.position;
    const to = toNode.position;
    if (!inView(from.x, from.y) && !inView(to.x, to.y) && !crosses(from, to, left, top, right, bottom)) continue;
    if (scene.vertical) {
      const x1 = from.x + widthOf(fromNode) / 2, y1 = from.y + heightOf(fromNode), x2 = to.x + widthOf(toNode) / 2, y2 = to.y;
      const bend = Math.max(20, Math.abs(y2 - y1) / 2);
      ctx.moveTo(x1, y1);
      if (straight) ctx.lineTo(x2, y2);
      else ctx.bezierCurveTo(x1, y1 + bend, x2, y2 - bend, x2, y2);
    } else {
      const x1 = from.x + widthOf(fromNode), y1 = from.y + heightOf(fromNode) / 2, x2 = to.x, y2 = to.y + heightOf(toNode) / 2;
      const bend = Math.max(20, Math.abs(x2 - x1) / 2);
      ctx.moveTo(x1, y1);
      if (straight) ctx.lineTo(x2, y2);
      else ctx.bezierCurveTo(x1 + bend, y1, x2 - bend, y2, x2, y2);
    }
  }
  ctx.strokeStyle = palette.edge;
  ctx.globalAlpha = 0.55;
  ctx.lineWidth = 1 / zoom;
  ctx.stroke();
  ctx.globalAlpha = 1;

  // Boxes bucketed by colour: one fill per status, not one per step.
  const byColour = new Map<string, OverviewNode[]>();
  const outlined: { node: OverviewNode; colour: string }[] = [];
  const groups: { node: OverviewNode; group: OverviewGroup }[] = [];
  let drawn = 0;
  for (const node of scene.nodes) {
    if (!inView(node.position.x, node.position.y)) continue;
    drawn++;
    const group = collapsedGroupOf(node);
    if (group !== null) {
      groups.push({ node, group });
      if (scene.selected(node)) outlined.push({ node, colour: palette.selected });
      else if (group.steps.some((step) => scene.invalid(step))) outlined.push({ node, colour: palette.invalid });
      continue;
    }
    const status = scene.statusOf(node.id);
    const colour = status === undefined || status === 'pending' ? palette.pending : palette.status[status] ?? palette.pending;
    let bucket = byColour.get(colour);
    if (bucket === undefined) byColour.set(colour, (bucket = []));
    bucket.push(node);
    if (scene.selected(node)) outlined.push({ node, colour: palette.selected });
    else if (scene.invalid(node.id)) outlined.push({ node, colour: palette.invalid });
  }
  // A step stays at least 2 px tall however far out: a gap in the graph would read as a missing step.
  const boxHeight = Math.max(NODE_HEIGHT, 2 / zoom);
  for (const [colour, nodes] of byColour) {
    ctx.fillStyle = colour;
    ctx.beginPath();
    for (const { position } of nodes) ctx.rect(position.x, position.y, NODE_WIDTH, boxHeight);
    ctx.fill();
  }
  if (groups.length > 0) {
    const colours = groupColours(palette);
    for (const { node, group } of groups) {
      drawCollapsedGroup(ctx, { ...node.position, width: widthOf(node), height: Math.max(heightOf(node), 2 / zoom) }, group, zoom, colours, scene.statusOf);
    }
  }
  ctx.lineWidth = 2.5 / zoom;
  for (const { node, colour } of outlined) {
    ctx.strokeStyle = colour;
    ctx.strokeRect(node.position.x - 2 / zoom, node.position.y - 2 / zoom, widthOf(node) + 4 / zoom, Math.max(heightOf(node), boxHeight) + 4 / zoom);
  }
  return drawn;
}

/** The palette as a collapsed group's drawing reads it. */
const groupColours = (palette: OverviewPalette): GroupColours => ({
  background: palette.background,
  text: palette.text,
  muted: palette.edge,
  status: (status) => (status === 'pending' ? palette.pending : palette.status[status] ?? palette.pending),
  group: (colour) => palette.group[colour] ?? palette.pending,
});

/** The frames meeting the view: tinted and outlined in their group's colour, as the canvas draws them. */
function drawFrames(ctx: CanvasRenderingContext2D, frames: readonly OverviewFrame[], dpr: number, palette: OverviewPalette, view: { left: number; top: number; right: number; bottom: number }): void {
  for (const frame of frames) {
    if (frame.x > view.right || frame.y > view.bottom || frame.x + frame.width < view.left || frame.y + frame.height < view.top) continue;
    const colour = palette.group[frame.colour] ?? palette.pending;
    ctx.fillStyle = colour;
    ctx.globalAlpha = 0.1;
    ctx.fillRect(frame.x, frame.y, frame.width, frame.height);
    ctx.globalAlpha = 1;
    strokeCrisp(ctx, frame, colour, dpr);
  }
}

/** CSS px: a frame's outline, as the canvas's group frame draws it. */
const FRAME_LINE = 1.5;

/**
 * Outlines `box` (flow coordinates) FRAME_LINE CSS px wide on whole device pixels: a line of fractional width at a
 * fractional place is smeared over two pixel rows at part strength, so a frame looked faint or solid depending only on
 * where the view stood. Here every edge is a solid line at any zoom and offset.
 */
function strokeCrisp(ctx: CanvasRenderingContext2D, box: { x: number; y: number; width: number; height: number }, colour: string, dpr: number): void {
  const { a: scale, e: dx, f: dy } = ctx.getTransform();
  const line = Math.max(1, Math.round(FRAME_LINE * dpr));
  // An odd width is centred on a pixel's middle, an even one on a pixel boundary.
  const snap = (at: number): number => Math.round(at) + (line % 2) / 2;
  const left = snap(box.x * scale + dx);
  const top = snap(box.y * scale + dy);
  const right = snap((box.x + box.width) * scale + dx);
  const bottom = snap((box.y + box.height) * scale + dy);
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.strokeStyle = colour;
  ctx.lineWidth = line;
  ctx.strokeRect(left, top, right - left, bottom - top);
  ctx.restore();
}

/** Whether the segment between two steps crosses the viewport although neither end is in it (a long dependency). */
function crosses(from: { x: number; y: number }, to: { x: number; y: number }, left: number, top: number, right: number, bottom: number): boolean {
  return Math.max(from.x, to.x) >= left && Math.min(from.x, to.x) <= right && Math.max(from.y, to.y) >= top && Math.min(from.y, to.y) <= bottom;
}

/** The step (or collapsed group) under a point in flow coordinates, with `slack` flow units around each box (a small box is hard to hit). */
export function stepAt<N extends OverviewNode>(nodes: readonly N[], point: { x: number; y: number }, slack: number): N | null {
  let best: N | null = null;
  let bestDistance = Infinity;
  for (const node of nodes) {
    const dx = Math.max(node.position.x - point.x, 0, point.x - node.position.x - widthOf(node));
    const dy = Math.max(node.position.y - point.y, 0, point.y - node.position.y - heightOf(node));
    const distance = Math.max(dx, dy);
    if (distance <= slack && distance < bestDistance) {
      best = node;
      bestDistance = distance;
    }
  }
  return best;
}

/** The steps whose box meets `area` (flow coordinates), partly covered ones too — a rubber band's selection. */
export function stepsIn(nodes: readonly OverviewNode[], area: { x: number; y: number; width: number; height: number }): string[] {
  const right = area.x + area.width;
  const bottom = area.y + area.height;
  return nodes.filter((node) => node.position.x < right && node.position.x + widthOf(node) > area.x && node.position.y < bottom && node.position.y + heightOf(node) > area.y).map((node) => node.id);
}

/** How the minimap maps flow coordinates to its pixels: flow point p is at (p - origin) * scale. */
export interface MinimapMapping {
  origin: { x: number; y: number };
  scale: number;
}

/**
 * Draws the minimap of an overview (React Flow's own draws nothing while every node is hidden): the graph and the
 * viewport's box, the rest under a mask, framed as React Flow frames its minimap. Returns the mapping for pointer input.
 */
export function drawMinimap(ctx: CanvasRenderingContext2D, scene: OverviewScene, view: View, flowSize: { width: number; height: number }, size: { width: number; height: number }, dpr: number, palette: OverviewPalette): MinimapMapping {
  let x1 = -view.x / view.zoom, y1 = -view.y / view.zoom;
  let x2 = x1 + flowSize.width / view.zoom, y2 = y1 + flowSize.height / view.zoom;
  const viewBox = { x1, y1, x2, y2 };
  for (const node of scene.nodes) {
    x1 = Math.min(x1, node.position.x);
    y1 = Math.min(y1, node.position.y);
    x2 = Math.max(x2, node.position.x + widthOf(node));
    y2 = Math.max(y2, node.position.y + heightOf(node));
  }
  const fit = Math.max((x2 - x1) / size.width, (y2 - y1) / size.height) * 1.06;
  const scale = 1 / fit;
  const origin = { x: (x1 + x2) / 2 - size.width / 2 / scale, y: (y1 + y2) / 2 - size.height / 2 / scale };
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.fillStyle = palette.background;
  ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  drawOverview(ctx, { ...scene, edges: [] }, { x: -origin.x * scale, y: -origin.y * scale, zoom: scale }, size.width, size.height, dpr, palette, false);
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  const box = { x: (viewBox.x1 - origin.x) * scale, y: (viewBox.y1 - origin.y) * scale, width: (viewBox.x2 - viewBox.x1) * scale, height: (viewBox.y2 - viewBox.y1) * scale };
  ctx.beginPath();
  ctx.rect(0, 0, size.width, size.height);
  ctx.rect(box.x, box.y, box.width, box.height);
  // As canvas.css's --xy-minimap-mask-background-color: the sunken background at 70 %.
  ctx.fillStyle = palette.mask;
  ctx.globalAlpha = 0.7;
  ctx.fill('evenodd');
  ctx.globalAlpha = 1;
  ctx.strokeStyle = palette.selected;
  ctx.lineWidth = 1;
  ctx.strokeRect(box.x + 0.5, box.y + 0.5, box.width - 1, box.height - 1);
  return { origin, scale };
}
