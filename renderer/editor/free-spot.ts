// Where new steps may go without covering others: a dropped, pasted or duplicated step (or group) moves the least
// distance from where it was asked to go until none of its boxes overlaps a step already on the canvas.
import type { WorkflowStep } from '../../shared/model.js';
import { NODE_HEIGHT, NODE_WIDTH } from '../canvas/node-size.js';
import { positionOf, type XY } from './graph-edits.js';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Space kept between two steps, so their borders and handles never touch. */
export const STEP_GAP = 16;
/** The search walks outwards in steps of this many pixels (the editor's snap grid). */
const STRIDE = 20;
/** Past this distance the group goes below everything instead: a graph that crowded has no nearer hole worth finding. */
const REACH = 3000;
/** Tried at each distance in this order: below first (as a cascade reads), then right, then the rest. */
const DIRECTIONS: readonly XY[] = [
  { x: 0, y: 1 }, { x: 1, y: 0 }, { x: 1, y: 1 }, { x: -1, y: 1 }, { x: 0, y: -1 }, { x: -1, y: 0 }, { x: 1, y: -1 }, { x: -1, y: -1 },
];

/** A step's box on the canvas with its top-left corner at each point. */
export const nodeBoxes = (corners: readonly XY[]): Box[] => corners.map(({ x, y }) => ({ x, y, width: NODE_WIDTH, height: NODE_HEIGHT }));

/** The boxes of the steps that have a position. */
export const stepBoxes = (steps: readonly WorkflowStep[]): Box[] => nodeBoxes(steps.map(positionOf).filter((at): at is XY => at !== null));

const overlaps = (a: Box, b: Box, dx: number, dy: number, gap: number): boolean =>
  a.x + dx < b.x + b.width + gap && b.x < a.x + dx + a.width + gap && a.y + dy < b.y + b.height + gap && b.y < a.y + dy + a.height + gap;

function bounds(boxes: readonly Box[]): Box {
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const box of boxes) {
    left = Math.min(left, box.x);
    top = Math.min(top, box.y);
    right = Math.max(right, box.x + box.width);
    bottom = Math.max(bottom, box.y + box.height);
  }
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/**
 * The shift nearest to `wanted` (tried outwards from it) at which no box of `group`, moved by it, overlaps any of
 * `obstacles` with `gap` between them. An empty group or no obstacles take `wanted` as it is.
 */
export function freeShift(group: readonly Box[], obstacles: readonly Box[], wanted: XY, gap = STEP_GAP): XY {
  if (group.length === 0 || obstacles.length === 0) return wanted;
  const outline = bounds(group);
  const clear = (dx: number, dy: number): boolean => {
    for (const obstacle of obstacles) {
      // The group's outline first: most obstacles are nowhere near it.
      if (!overlaps(outline, obstacle, dx, dy, gap)) continue;
      for (const box of group) if (overlaps(box, obstacle, dx, dy, gap)) return false;
    }
    return true;
  };
  if (clear(wanted.x, wanted.y)) return wanted;
  for (let distance = STRIDE; distance <= REACH; distance += STRIDE) {
    for (const direction of DIRECTIONS) {
      const dx = wanted.x + direction.x * distance;
      const dy = wanted.y + direction.y * distance;
      if (clear(dx, dy)) return { x: dx, y: dy };
    }
  }
  const everything = bounds(obstacles);
  return { x: wanted.x, y: everything.y + everything.height + gap - outline.y };
}

/** Where one new step asked for at `at` (its top-left corner) goes: there, or the nearest place beside `steps`. */
export const freeSpotForStep = (steps: readonly WorkflowStep[], at: XY): XY =>
  freeShift(nodeBoxes([{ x: 0, y: 0 }]), stepBoxes(steps), at);
