// A pan of the overview copies one picture instead of redrawing every step: at a steady zoom the whole graph is drawn
// once into an offscreen canvas, and each frame of a pan copies it at the new offset. While the zoom changes, frames
// draw directly (the next steady frame draws the picture again), as does a graph too big to hold as one picture.
import { drawOverview, heightOf, MARGIN_HEIGHT, MARGIN_WIDTH, widthOf, type OverviewPalette, type OverviewScene, type View } from './overview-draw.js';

/** The picture's limits in device pixels: at most 32 MB. */
const MAX_SIDE = 4096;
const MAX_AREA = 8_000_000;
/** Room around the graph in CSS px: a selected step's outline reaches past its box. */
const PAD = 6;

export interface OverviewCache {
  picture: HTMLCanvasElement | null;
  /** The zoom and pixel ratio the picture was drawn at; stale after any change but the view's. */
  zoom: number;
  dpr: number;
  stale: boolean;
  /** The zoom of the last frame: two frames at one zoom make it steady. */
  lastZoom: number;
}

export const createOverviewCache = (): OverviewCache => ({ picture: null, zoom: 0, dpr: 0, stale: true, lastZoom: 0 });

type Box = { x1: number; y1: number; x2: number; y2: number };

// What the drawing covers, in flow coordinates — step boxes, group frames (made from the same node list, so cached
// with it) and each dependency's curve with its control points.
const extents = new WeakMap<OverviewScene['nodes'], WeakMap<OverviewScene['edges'], Box>>();
function extentOf(scene: OverviewScene): Box | null {
  if (scene.nodes.length === 0) return null;
  let byEdges = extents.get(scene.nodes);
  if (byEdges === undefined) extents.set(scene.nodes, (byEdges = new WeakMap()));
  let box = byEdges.get(scene.edges);
  if (box !== undefined) return box;
  box = { x1: Infinity, y1: Infinity, x2: -Infinity, y2: -Infinity };
  const at = new Map<string, OverviewScene['nodes'][number]>();
  for (const node of scene.nodes) {
    const { id, position } = node;
    at.set(id, node);
    box.x1 = Math.min(box.x1, position.x);
    box.y1 = Math.min(box.y1, position.y);
    box.x2 = Math.max(box.x2, position.x + widthOf(node));
    box.y2 = Math.max(box.y2, position.y + heightOf(node));
  }
  for (const frame of scene.frames ?? []) {
    box.x1 = Math.min(box.x1, frame.x);
    box.y1 = Math.min(box.y1, frame.y);
    box.x2 = Math.max(box.x2, frame.x + frame.width);
    box.y2 = Math.max(box.y2, frame.y + frame.height);
  }
  for (const { source, target } of scene.edges) {
    const fromNode = at.get(source);
    const toNode = at.get(target);
    if (fromNode === undefined || toNode === undefined) continue;
    const from = fromNode.position;
    const to = toNode.position;
    // A curve bends at most half its length (and at least 20 px) past its ends (overview-draw.ts).
    const bend = Math.max(20, Math.abs(scene.vertical ? to.y - from.y : to.x - from.x) / 2);
    if (scene.vertical) {
      box.y1 = Math.min(box.y1, to.y - bend);
      box.y2 = Math.max(box.y2, from.y + heightOf(fromNode) + bend);
    } else {
      box.x1 = Math.min(box.x1, to.x - bend);
      box.x2 = Math.max(box.x2, from.x + widthOf(fromNode) + bend);
    }
  }
  byEdges.set(scene.edges, box);
  return box;
}

function stepsInView(scene: OverviewScene, view: View, width: number, height: number): number {
  const left = -view.x / view.zoom - MARGIN_WIDTH;
  const top = -view.y / view.zoom - MARGIN_HEIGHT;
  const right = (width - view.x) / view.zoom;
  const bottom = (height - view.y) / view.zoom;
  let count = 0;
  for (const { position: { x, y } } of scene.nodes) if (x >= left && x <= right && y >= top && y <= bottom) count++;
  return count;
}

/** drawOverview's picture for `view`, copied from the cache where it can be; returns the steps in view. */
export function drawOverviewCached(ctx: CanvasRenderingContext2D, cache: OverviewCache, scene: OverviewScene, view: View, width: number, height: number, dpr: number, palette: OverviewPalette): number {
  const { zoom } = view;
  const steady = zoom === cache.lastZoom;
  cache.lastZoom = zoom;
  const box = extentOf(scene);
  const pictureWidth = box === null ? 0 : Math.ceil(((box.x2 - box.x1) * zoom + 2 * PAD) * dpr);
  const pictureHeight = box === null ? 0 : Math.ceil(((box.y2 - box.y1) * zoom + 2 * PAD) * dpr);
  if (box === null || !steady || pictureWidth > MAX_SIDE || pictureHeight > MAX_SIDE || pictureWidth * pictureHeight > MAX_AREA) {
    return drawOverview(ctx, scene, view, width, height, dpr, palette);
  }
  // Where flow point (x1, y1) lands in the picture: PAD px in from its corner.
  const origin = { x: PAD - box.x1 * zoom, y: PAD - box.y1 * zoom };
  if (cache.stale || cache.picture === null || cache.zoom !== zoom || cache.dpr !== dpr || cache.picture.width !== pictureWidth || cache.picture.height !== pictureHeight) {
    cache.picture ??= document.createElement('canvas');
    cache.picture.width = pictureWidth;
    cache.picture.height = pictureHeight;
    const pictureCtx = cache.picture.getContext('2d');
    if (pictureCtx === null) return drawOverview(ctx, scene, view, width, height, dpr, palette);
    drawOverview(pictureCtx, scene, { x: origin.x, y: origin.y, zoom }, pictureWidth / dpr, pictureHeight / dpr, dpr, palette);
    Object.assign(cache, { zoom, dpr, stale: false });
  }
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  ctx.drawImage(cache.picture, Math.round((view.x - origin.x) * dpr), Math.round((view.y - origin.y) * dpr));
  return stepsInView(scene, view, width, height);
}
