import { describe, expect, it } from 'vitest';
import { askedFitReach, fitReach, fitRule, fitViewport, MIN_ZOOM, MINIMAP_SIZES, NEARLY_READABLE_ZOOM, READABLE_ZOOM, revealViewport, viewportFor, type Bounds, type Viewport } from '../../../../renderer/canvas/fit-view.js';
import { FAR_ZOOM } from '../../../../renderer/canvas/ZoomDetail.js';

/** Where `bounds` lands on screen under `viewport`. */
const onScreen = (bounds: Bounds, { x, y, zoom }: Viewport) => ({ left: x + bounds.x * zoom, top: y + bounds.y * zoom, right: x + (bounds.x + bounds.width) * zoom, bottom: y + (bounds.y + bounds.height) * zoom });

const pair: Bounds = { x: 0, y: 0, width: 512, height: 76 };
const wide: Bounds = { x: 0, y: 0, width: 2336, height: 300 };

describe('fitting a workflow into view', () => {
  it('classes workflows by size: up to 8 steps small, up to 30 medium, then large', () => {
    expect([1, 8, 9, 30, 31].map(fitReach)).toEqual(['small', 'small', 'medium', 'medium', 'large']);
  });

  it('keeps a small workflow at a readable zoom in a narrow canvas, its start in view', () => {
    const viewport = viewportFor(pair, { width: 270, height: 500 }, fitRule('small', null));
    expect(viewport.zoom).toBe(READABLE_ZOOM);
    expect(onScreen(pair, viewport).left).toBe(fitRule('small', null).padding.left);
  });

  it('shows a small workflow whole where that takes only a little less than the readable zoom', () => {
    // Three steps in a row (220 px each, 73 px apart) in the canvas beside the palette at 1024×700.
    const three: Bounds = { x: 0, y: 0, width: 806, height: 76 };
    const size = { width: 580, height: 570 };
    const viewport = viewportFor(three, size, fitRule('small', null));
    expect(viewport.zoom).toBeLessThan(READABLE_ZOOM);
    expect(viewport.zoom).toBeGreaterThanOrEqual(NEARLY_READABLE_ZOOM);
    expect(onScreen(three, viewport).right).toBeLessThanOrEqual(size.width - fitRule('small', null).padding.right);
    // One step more and it would take less than that: it stays readable, its start in view.
    const four: Bounds = { x: 0, y: 0, width: 1099, height: 76 };
    expect(viewportFor(four, size, fitRule('small', null)).zoom).toBe(READABLE_ZOOM);
  });

  it('fits a small workflow whole when the user asks with no step selected, as far out as names are drawn', () => {
    // Five steps in four layers, in the canvas beside the palette at 1024×700.
    const five: Bounds = { x: 0, y: 0, width: 1100, height: 200 };
    const size = { width: 580, height: 570 };
    expect(askedFitReach('small', false)).toBe('glance');
    const asked = viewportFor(five, size, fitRule(askedFitReach('small', false), null));
    expect(asked.zoom).toBeLessThan(READABLE_ZOOM);
    expect(asked.zoom).toBeGreaterThanOrEqual(FAR_ZOOM);
    const box = onScreen(five, asked);
    expect(box.left).toBeGreaterThanOrEqual(0);
    expect(box.right).toBeLessThanOrEqual(size.width);
    // Too long to show whole with its names drawn (an eight-step chain): it stays readable, its start in view.
    const chain: Bounds = { x: 0, y: 0, width: 2400, height: 76 };
    const long = viewportFor(chain, size, fitRule('glance', null));
    expect(long.zoom).toBe(READABLE_ZOOM);
    expect(onScreen(chain, long).left).toBe(fitRule('glance', null).padding.left);
    // With a step selected it keeps its readable zoom (and that step in view); other sizes keep their own rules.
    expect(askedFitReach('small', true)).toBe('small');
    expect(['medium', 'large', 'whole'].map((reach) => askedFitReach(reach as 'medium' | 'large' | 'whole', false))).toEqual(['medium', 'large', 'whole']);
  });

  it('centres a small workflow that fits, never zooming in past 1.25', () => {
    const viewport = viewportFor(pair, { width: 1200, height: 600 }, fitRule('small', null));
    expect(viewport.zoom).toBe(1.25);
    const box = onScreen(pair, viewport);
    expect(Math.round(box.left)).toBe(Math.round(1200 - box.right));
  });

  it('fits a large workflow whole, however far out, and a medium one no further out than names are drawn', () => {
    const size = { width: 600, height: 500 };
    const whole = viewportFor(wide, size, fitRule('large', null));
    const box = onScreen(wide, whole);
    expect(box.left).toBeGreaterThanOrEqual(0);
    expect(box.right).toBeLessThanOrEqual(600);
    expect(viewportFor(wide, size, fitRule('medium', null)).zoom).toBe(FAR_ZOOM);
    expect(viewportFor(wide, size, fitRule('whole', null)).zoom).toBeCloseTo(whole.zoom);
  });

  it('leaves the strip of the minimap and the controls clear of every step', () => {
    const rule = fitRule('large', MINIMAP_SIZES.wide);
    const box = onScreen(wide, viewportFor(wide, { width: 900, height: 400 }, rule));
    expect(box.bottom).toBeLessThanOrEqual(400 - MINIMAP_SIZES.wide.height - 15);
    expect(rule.padding.bottom).toBeGreaterThan(fitRule('large', null).padding.bottom);
  });

  it('where the graph does not fit, keeps the selected step in view, centred as far as the graph allows', () => {
    const focus: Bounds = { x: 1200, y: 100, width: 220, height: 76 };
    const size = { width: 500, height: 400 };
    const viewport = viewportFor(wide, size, fitRule('small', null), focus);
    const seen = onScreen(focus, viewport);
    expect(seen.left).toBeGreaterThanOrEqual(0);
    expect(seen.right).toBeLessThanOrEqual(500);
    // At the graph's end the view stops at its edge rather than showing empty space past it.
    const last = viewportFor(wide, size, fitRule('small', null), { x: 2116, y: 100, width: 220, height: 76 });
    expect(Math.round(onScreen(wide, last).right)).toBe(500 - 24);
  });

  it('gives the same rule object for the same answers (effects depending on it do not re-run)', () => {
    expect(fitRule('small', MINIMAP_SIZES.narrow)).toBe(fitRule('small', MINIMAP_SIZES.narrow));
  });

  it('fits a 10,000-step overview (100 layers of 100) whole in a 1024 px window\'s canvas', () => {
    const steps = Array.from({ length: 10_000 }, (_, i) => ({ position: { x: Math.floor(i / 100) * 292, y: (i % 100) * 104 }, width: 220, height: 76 }));
    const size = { width: 560, height: 500 };
    const viewport = fitViewport(steps, size, fitRule('large', null))!;
    expect(viewport.zoom).toBeGreaterThanOrEqual(MIN_ZOOM);
    const box = onScreen({ x: 0, y: 0, width: 99 * 292 + 220, height: 99 * 104 + 76 }, viewport);
    expect(box.left).toBeGreaterThanOrEqual(0);
    expect(box.right).toBeLessThanOrEqual(size.width);
  });

  it('keeps the selected steps in view where the whole graph does not fit, and has no view for no steps', () => {
    const steps = [{ position: { x: 0, y: 0 }, width: 220, height: 76 }, { position: { x: 5000, y: 0 }, width: 220, height: 76, selected: true }];
    const viewport = fitViewport(steps, { width: 400, height: 300 }, fitRule('small', null))!;
    const selected = onScreen({ x: 5000, y: 0, width: 220, height: 76 }, viewport);
    expect(selected.left).toBeGreaterThanOrEqual(0);
    expect(selected.right).toBeLessThanOrEqual(400);
    expect(fitViewport([], { width: 400, height: 300 }, fitRule('large', null))).toBeNull();
  });

  it('brings steps past the canvas\'s edge into view, zooming out only as far as they need and never in', () => {
    const size = { width: 580, height: 530 };
    const rule = fitRule('small', MINIMAP_SIZES.wide);
    const unpacked: Bounds = { x: 300, y: 100, width: 740, height: 76 };
    const current: Viewport = { x: 0, y: 0, zoom: 0.75 };
    const moved = revealViewport(unpacked, size, rule, current)!;
    const box = onScreen(unpacked, moved);
    expect(box.left).toBeGreaterThanOrEqual(rule.padding.left);
    expect(box.right).toBeLessThanOrEqual(size.width - rule.padding.right);
    expect(moved.zoom).toBeLessThan(0.75);
    // Room enough at the zoom the user chose: only a pan.
    expect(revealViewport({ x: 800, y: 100, width: 220, height: 76 }, size, rule, current)!.zoom).toBe(0.75);
  });

  it('leaves the view alone when the steps already stand clear of its edges and the minimap', () => {
    const size = { width: 580, height: 530 };
    const rule = fitRule('small', MINIMAP_SIZES.wide);
    expect(revealViewport({ x: 40, y: 40, width: 400, height: 76 }, size, rule, { x: 0, y: 0, zoom: 1 })).toBeNull();
    // Under the minimap's strip is not in view.
    expect(revealViewport({ x: 40, y: 440, width: 400, height: 76 }, size, rule, { x: 0, y: 0, zoom: 1 })).not.toBeNull();
  });
});
