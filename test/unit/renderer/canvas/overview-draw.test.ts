import { describe, expect, it } from 'vitest';
import { NODE_HEIGHT, NODE_WIDTH } from '../../../../renderer/canvas/node-size.js';
import { drawOverview, stepAt, stepsIn, type OverviewPalette, type OverviewScene } from '../../../../renderer/canvas/overview-draw.js';

const nodes = [
  { id: 'a', position: { x: 0, y: 0 } },
  { id: 'b', position: { x: 300, y: 0 } },
  { id: 'c', position: { x: 300, y: 200 } },
];

describe('the step under a click on the overview', () => {
  it('is the step whose box holds the point', () => {
    expect(stepAt(nodes, { x: 310, y: 210 }, 0)?.id).toBe('c');
    expect(stepAt(nodes, { x: NODE_WIDTH / 2, y: NODE_HEIGHT / 2 }, 0)?.id).toBe('a');
  });

  it('is the nearest step within the slack around tiny boxes, and none beyond it', () => {
    expect(stepAt(nodes, { x: 300 + NODE_WIDTH + 30, y: 10 }, 40)?.id).toBe('b');
    expect(stepAt(nodes, { x: 300 + NODE_WIDTH + 30, y: 10 }, 20)).toBeNull();
    expect(stepAt([], { x: 0, y: 0 }, 100)).toBeNull();
  });
});

/** A 2D context that records the boxes filled, by colour, and the single boxes and texts drawn (in flow units). */
function recordingContext() {
  const filled = new Map<string, number>();
  const boxes: { colour: string; x: number; y: number; width: number; height: number }[] = [];
  const texts: { text: string; colour: string }[] = [];
  // Outlines drawn in device pixels (under no transform), with their width.
  const outlines: { colour: string; lineWidth: number; x: number; y: number; width: number; height: number }[] = [];
  let pending = 0;
  let transform = { a: 1, e: 0, f: 0 };
  const ctx = {
    canvas: { width: 800, height: 600 },
    fillStyle: '', strokeStyle: '', lineWidth: 1, globalAlpha: 1, font: '', textBaseline: '',
    setTransform(a: number, _b: number, _c: number, _d: number, e: number, f: number) { transform = { a, e, f }; },
    getTransform() { return transform; },
    save() {}, restore() {},
    clearRect() {}, beginPath() { pending = 0; }, moveTo() {}, bezierCurveTo() {}, stroke() {},
    strokeRect(x: number, y: number, width: number, height: number) {
      if (transform.a === 1 && transform.e === 0 && transform.f === 0) outlines.push({ colour: ctx.strokeStyle, lineWidth: ctx.lineWidth, x, y, width, height });
    },
    rect() { pending++; },
    fill() { filled.set(ctx.fillStyle, (filled.get(ctx.fillStyle) ?? 0) + pending); },
    fillRect(x: number, y: number, width: number, height: number) { boxes.push({ colour: ctx.fillStyle, x, y, width, height }); },
    // Each character 6 px wide at the font's size in px (as `600 11px …` gives 11).
    measureText(text: string) { return { width: text.length * 6 * Number(/(\d+(?:\.\d+)?)px/.exec(ctx.font)?.[1] ?? 11) / 11 }; },
    fillText(text: string) { texts.push({ text, colour: ctx.fillStyle }); },
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, filled, boxes, texts, outlines };
}

const palette: OverviewPalette = { pending: 'grey', edge: 'edge', text: 'ink', selected: 'focus', invalid: 'red', background: 'white', mask: 'sunken', status: { succeeded: 'green', running: 'blue', cached: 'teal', failed: 'crimson' }, group: { blue: 'group-blue', purple: 'group-purple' } };

describe('the steps under a rubber band on the overview', () => {
  it('are those whose box the band meets, partly covered ones too', () => {
    expect(stepsIn(nodes, { x: 310, y: -50, width: 10, height: 300 })).toEqual(['b', 'c']);
    expect(stepsIn(nodes, { x: NODE_WIDTH - 1, y: NODE_HEIGHT - 1, width: 2, height: 2 })).toEqual(['a']);
    expect(stepsIn(nodes, { x: -100, y: -100, width: 1000, height: 1000 })).toEqual(['a', 'b', 'c']);
  });

  it('are none when the band lies between steps', () => {
    expect(stepsIn(nodes, { x: NODE_WIDTH + 5, y: 0, width: 300 - NODE_WIDTH - 10, height: 300 })).toEqual([]);
  });
});

describe('drawing the overview', () => {
  it('fills each step in view with its run status colour, and skips steps out of view', () => {
    const statuses: Record<string, string> = { a: 'succeeded', b: 'running' };
    const scene: OverviewScene = { nodes, edges: [{ source: 'a', target: 'b' }], vertical: false, statusOf: (id) => statuses[id], invalid: () => false, selected: () => false };
    const { ctx, filled } = recordingContext();
    expect(drawOverview(ctx, scene, { x: 0, y: 0, zoom: 1 }, 800, 600, 1, palette)).toBe(3);
    expect(Object.fromEntries(filled)).toEqual({ green: 1, blue: 1, grey: 1 });
    // Panned so that only `a` is on screen.
    const { ctx: panned, filled: some } = recordingContext();
    expect(drawOverview(panned, scene, { x: 0, y: 0, zoom: 1 }, 250, 100, 1, palette)).toBe(1);
    expect(Object.fromEntries(some)).toEqual({ green: 1 });
  });

  it('draws a step restored from the cache in its own colour, apart from succeeded', () => {
    const statuses: Record<string, string> = { a: 'cached', b: 'succeeded', c: 'cached' };
    const scene: OverviewScene = { nodes, edges: [], vertical: false, statusOf: (id) => statuses[id], invalid: () => false, selected: () => false };
    const { ctx, filled } = recordingContext();
    drawOverview(ctx, scene, { x: 0, y: 0, zoom: 1 }, 800, 600, 1, palette);
    expect(Object.fromEntries(filled)).toEqual({ teal: 2, green: 1 });
  });

  it('outlines an expanded group\'s frame on whole device pixels at any zoom and offset, so it is never drawn faint', () => {
    const frames = [{ x: -40, y: -60, width: 1400, height: 1100, colour: 'purple' }];
    const scene: OverviewScene = { nodes, frames, edges: [], vertical: false, statusOf: () => undefined, invalid: () => false, selected: () => false };
    for (const [view, dpr, lineWidth] of [[{ x: 27.0426, y: 234.963, zoom: 0.0760646 }, 1, 2], [{ x: 13.3, y: 7.71, zoom: 0.0913 }, 2, 3], [{ x: 0.5, y: 0.25, zoom: 0.5 }, 1.25, 2]] as const) {
      const { ctx, outlines } = recordingContext();
      drawOverview(ctx, scene, view, 800, 600, dpr, palette);
      expect(outlines).toHaveLength(1);
      const [outline] = outlines;
      expect(outline).toMatchObject({ colour: 'group-purple', lineWidth });
      // An even width sits on pixel boundaries, an odd one on pixel middles: either way each edge covers whole pixels.
      const offset = lineWidth % 2 / 2;
      for (const edge of [outline!.x, outline!.y, outline!.x + outline!.width, outline!.y + outline!.height]) expect(edge - offset).toBe(Math.round(edge - offset));
      // Where the frame is: its corners within a pixel of where the view puts them.
      expect(Math.abs(outline!.x - (view.x + frames[0]!.x * view.zoom) * dpr)).toBeLessThanOrEqual(1);
      expect(Math.abs(outline!.y + outline!.height - (view.y + (frames[0]!.y + frames[0]!.height) * view.zoom) * dpr)).toBeLessThanOrEqual(1);
    }
  });

  // A collapsed group's node as the canvas holds it (group-nodes.ts): 240×84, its group in its data.
  const folded = { id: 'group:g1', type: 'stepGroup', position: { x: 600, y: 0 }, width: 240, height: 84, data: { group: { id: 'g1', name: 'Checks', colour: 'purple', steps: ['x', 'y', 'z'], collapsed: true, x: 600, y: 0, width: 500, height: 400 } } };

  it('draws a collapsed group at its node\'s size, a band of its colour down its left edge, framed by its steps\' worst status', () => {
    const statuses: Record<string, string> = { a: 'succeeded', x: 'succeeded', y: 'failed' };
    const scene: OverviewScene = { nodes: [...nodes, folded], edges: [{ source: 'b', target: 'group:g1' }], vertical: false, statusOf: (id) => statuses[id], invalid: () => false, selected: () => false };
    const { ctx, filled, boxes, texts } = recordingContext();
    expect(drawOverview(ctx, scene, { x: 0, y: 0, zoom: 1 }, 1000, 600, 1, palette)).toBe(4);
    // Not among the step-sized boxes filled by status.
    expect([...filled.values()].reduce((sum, count) => sum + count, 0)).toBe(3);
    expect(boxes.find((box) => box.colour === 'white')).toEqual({ colour: 'white', x: 600, y: 0, width: 240, height: 84 });
    expect(boxes.find((box) => box.colour === 'group-purple')).toMatchObject({ x: 600, y: 0, height: 84 });
    // Tinted in the failed colour of its worst step; named, with its run's progress under the name.
    expect(boxes.find((box) => box.colour === 'crimson')).toEqual({ colour: 'crimson', x: 600, y: 0, width: 240, height: 84 });
    expect(texts).toEqual([{ text: 'Checks', colour: 'ink' }, { text: 'failed 1 · 1 of 3', colour: 'crimson' }]);
  });

  it('leaves out a collapsed group\'s text where it would be too small to read, but not its colour', () => {
    const scene: OverviewScene = { nodes: [folded], edges: [], vertical: false, statusOf: () => undefined, invalid: () => false, selected: () => false };
    const { ctx, boxes, texts } = recordingContext();
    drawOverview(ctx, scene, { x: 0, y: 0, zoom: 0.1 }, 1000, 600, 1, palette);
    expect(texts).toEqual([]);
    // 4 screen px wide however far out: 40 flow px at a zoom of 0.1.
    expect(boxes.find((box) => box.colour === 'group-purple')).toMatchObject({ width: 40, height: 84 });
  });

  it('finds a collapsed group under a click anywhere on its node, past a step\'s size', () => {
    expect(stepAt([...nodes, folded], { x: 600 + 230, y: 80 }, 0)?.id).toBe('group:g1');
    expect(stepsIn([...nodes, folded], { x: 600 + 225, y: 78, width: 5, height: 5 })).toEqual(['group:g1']);
  });
});
