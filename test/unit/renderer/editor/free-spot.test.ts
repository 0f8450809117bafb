import { describe, expect, it } from 'vitest';
import { NODE_HEIGHT, NODE_WIDTH } from '../../../../renderer/canvas/node-size.js';
import { copySteps, pasteSteps } from '../../../../renderer/editor/clipboard.js';
import { freeShift, freeSpotForStep, nodeBoxes, STEP_GAP, stepBoxes, type Box } from '../../../../renderer/editor/free-spot.js';
import type { Workflow } from '../../../../shared/model.js';
import { step, workflow } from './editor-fixtures.js';

const at = (name: string, x: number, y: number, dependencies: string[] = []) => ({ ...step(name, dependencies), ui: { x, y } });

const overlap = (a: Box, b: Box): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Every pair of steps that cover each other, by name. */
function overlaps(w: Workflow): string[] {
  const boxes = stepBoxes(w.steps);
  const found: string[] = [];
  boxes.forEach((box, i) => boxes.slice(i + 1).forEach((other, j) => {
    if (overlap(box, other)) found.push(`${w.steps[i]!.name}/${w.steps[i + 1 + j]!.name}`);
  }));
  return found;
}

describe('where a new step goes', () => {
  it('goes where it is asked when that spot is free', () => {
    expect(freeSpotForStep([at('a', 0, 0)], { x: 400, y: 0 })).toEqual({ x: 400, y: 0 });
    expect(freeSpotForStep([], { x: 13, y: 7 })).toEqual({ x: 13, y: 7 });
  });

  it('moves the least distance, below first, off a step it would cover, keeping a gap', () => {
    const spot = freeSpotForStep([at('a', 0, 0)], { x: 10, y: 10 });
    expect(spot.x).toBe(10);
    expect(spot.y).toBeGreaterThanOrEqual(NODE_HEIGHT + STEP_GAP);
    expect(spot.y).toBeLessThan(NODE_HEIGHT + STEP_GAP + 20);
  });

  it('finds the nearest hole in a crowded row rather than stacking on a step', () => {
    const row = [0, 1, 2, 3].map((i) => at(`s${i}`, i * (NODE_WIDTH + 40), 0));
    const spot = freeSpotForStep(row, { x: 300, y: 0 });
    expect(stepBoxes(row).some((box) => overlap(box, { ...spot, width: NODE_WIDTH, height: NODE_HEIGHT }))).toBe(false);
    expect(Math.hypot(spot.x - 300, spot.y)).toBeLessThanOrEqual(NODE_HEIGHT + STEP_GAP + 20);
  });

  it('moves a group as one, keeping its shape', () => {
    const group = nodeBoxes([{ x: 0, y: 0 }, { x: 300, y: 0 }]);
    const shift = freeShift(group, stepBoxes([at('a', 300, 0)]), { x: 0, y: 0 });
    expect(shift.x).toBe(0);
    expect(shift.y).toBeGreaterThanOrEqual(NODE_HEIGHT + STEP_GAP);
  });
});

describe('paste and duplicate', () => {
  const source = workflow([at('fetch', 100, 50), at('build', 400, 50, ['fetch']), at('far', 2000, 2000)]);
  const copied = copySteps(source, ['fetch', 'build']);

  it('a paste over the originals lands beside them, never on them', () => {
    const { workflow: pasted } = pasteSteps(source, copied, { x: 110, y: 60 });
    expect(overlaps(pasted)).toEqual([]);
    const [first, second] = stepBoxes(pasted.steps.slice(-2));
    expect(second!.x - first!.x).toBe(300);
  });

  it('repeated duplicates (each offset from the originals) never cover the originals nor each other', () => {
    let current = source;
    for (let round = 0; round < 5; round++) current = pasteSteps(current, copied, { x: 140, y: 90 }).workflow;
    expect(current.steps).toHaveLength(3 + 10);
    expect(overlaps(current)).toEqual([]);
  });

  it('a paste into free space keeps the asked corner', () => {
    const { workflow: pasted } = pasteSteps(source, copied, { x: 0, y: 600 });
    expect(pasted.steps.slice(-2).map((s) => s.ui)).toEqual([{ x: 0, y: 600 }, { x: 300, y: 600 }]);
  });
});
