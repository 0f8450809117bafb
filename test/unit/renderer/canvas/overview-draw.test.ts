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

/** A 2D context that records the boxes filled, by colour. */
function recordingContext() {
  const filled = new Map<string, number>();
  let pending = 0;
  const ctx = {
    canvas: { width: 800, height: 600 },
    fillStyle: '', strokeStyle: '', lineWidth: 1, globalAlpha: 1,
    setTransform() {}, clearRect() {}, beginPath() { pending = 0; }, moveTo() {}, bezierCurveTo() {}, stroke() {}, strokeRect() {},
    rect() { pending++; },
    fill() { filled.set(ctx.fillStyle, (filled.get(ctx.fillStyle) ?? 0) + pending); },
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, filled };
}

const palette: OverviewPalette = { pending: 'grey', edge: 'edge', selected: 'focus', invalid: 'red', background: 'white', mask: 'sunken', status: { succeeded: 'green', running: 'blue', cached: 'teal' }, group: { blue: 'group-blue' } };

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
});
