import { describe, expect, it } from 'vitest';
import type { Workflow } from '../../../../shared/model.js';
import { convertToSubflow } from '../../../../shared/subflow-transform.js';
import { writeGroups, type WorkflowGroup } from '../../../../shared/workflow-groups.js';
import { COLLAPSED_HEIGHT, COLLAPSED_WIDTH } from '../../../../renderer/canvas/group-nodes.js';
import { NODE_HEIGHT, NODE_WIDTH } from '../../../../renderer/canvas/node-size.js';
import { placeClear } from '../../../../renderer/editor/subflow-placement.js';
import { step, workflow } from './editor-fixtures.js';

const at = (name: string, x: number, y: number) => ({ ...step(name), ui: { x, y } });
const group = (id: string, steps: string[], box: { x: number; y: number; width: number; height: number }, collapsed = false): WorkflowGroup =>
  ({ id, name: id, colour: 'blue', steps, collapsed, ...box });
const positionOf = (w: Workflow, name: string): { x: number; y: number } => {
  const { x, y } = w.steps.find((s) => s.name === name)!.ui as { x: number; y: number };
  return { x, y };
};
const overlaps = (a: { x: number; y: number; width: number; height: number }, b: typeof a): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const nodeBox = (p: { x: number; y: number }) => ({ ...p, width: NODE_WIDTH, height: NODE_HEIGHT });

/** Three steps in a row at y 0 (x 0, 300, 600), and a group of two others just below the middle one. */
function grouped(): Workflow {
  const steps = [at('a', 0, 0), at('b', 300, 0), at('c', 600, 0), at('g1', 260, 110), at('g2', 420, 110)];
  return writeGroups(workflow(steps), [group('frame', ['g1', 'g2'], { x: 240, y: 70, width: 420, height: 140 })]);
}

describe('where a converted subflow step stands', () => {
  it('at the centre of the steps it replaced, when nothing is there', () => {
    const result = convertToSubflow(workflow([at('a', 0, 0), at('b', 300, 0), at('c', 600, 200)]), { steps: ['a', 'b', 'c'], child: { name: 'part', file: 'part.yaml' } });
    if ('refused' in result) throw new Error(result.refused);
    expect(placeClear(result.parent, 'part')).toBe(result.parent);
    expect(positionOf(result.parent, 'part')).toEqual({ x: 300, y: 67 });
  });

  it('moved off a group frame its centre falls on, the least distance, covering no step either', () => {
    const result = convertToSubflow(grouped(), { steps: ['a', 'b', 'c'], child: { name: 'part', file: 'part.yaml' } });
    if ('refused' in result) throw new Error(result.refused);
    // The centre (300, 0) clears the frame at y 70 by too little: a node is 76 high.
    expect(overlaps(nodeBox(positionOf(result.parent, 'part')), { x: 240, y: 70, width: 420, height: 140 })).toBe(true);
    const placed = placeClear(result.parent, 'part');
    const box = nodeBox(positionOf(placed, 'part'));
    expect(overlaps(box, { x: 240, y: 70, width: 420, height: 140 })).toBe(false);
    for (const other of placed.steps.filter((s) => s.name !== 'part')) expect(overlaps(box, nodeBox(other.ui as { x: number; y: number }))).toBe(false);
    // Upwards is nearest here: the frame lies below.
    expect(positionOf(placed, 'part')).toEqual({ x: 300, y: -40 });
  });

  it('clear of a collapsed group\'s node, whose hidden steps do not count', () => {
    const steps = [at('a', 0, 0), at('b', 100, 0), at('h', 2000, 2000)];
    const collapsed = writeGroups(workflow([...steps, at('part', 40, 0)]), [group('shut', ['h'], { x: 0, y: 40, width: 900, height: 900 }, true)]);
    const placed = placeClear({ ...collapsed, steps: collapsed.steps.filter((s) => s.name !== 'a' && s.name !== 'b') }, 'part');
    expect(overlaps(nodeBox(positionOf(placed, 'part')), { x: 0, y: 40, width: COLLAPSED_WIDTH, height: COLLAPSED_HEIGHT })).toBe(false);
    expect(positionOf(placed, 'part').y).toBeLessThan(40 + COLLAPSED_HEIGHT + 40);
  });
});
