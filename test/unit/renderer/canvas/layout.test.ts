// Auto layout, at each of its three sizes (dagre ranked by network simplex, dagre by longest path, the linear layered
// layout): every dependency left of its dependents (above them top-to-bottom), and no two steps overlapping.
import { describe, expect, it } from 'vitest';
import { layoutPositions } from '../../../../renderer/canvas/layout.js';
import { NODE_HEIGHT, NODE_WIDTH } from '../../../../renderer/canvas/node-size.js';

/** Layers of `width` steps, each depending on two of the layer before, and one long edge per layer back to the first. */
function layered(count: number, width: number) {
  return Array.from({ length: count }, (_, i) => {
    const layer = Math.floor(i / width);
    const deps = layer === 0 ? [] : [i - width, layer * width - width + ((i + 1) % width), i % width];
    return { name: `s${i}`, dependencies: [...new Set(deps)].map((d) => `s${d}`) };
  });
}

describe('layoutPositions', () => {
  for (const count of [40, 150, 600]) {
    it(`places ${count} steps with dependencies first and none overlapping, left to right and top to bottom`, () => {
      const steps = layered(count, 12);
      for (const direction of ['LR', 'TB'] as const) {
        const at = layoutPositions(steps, direction);
        expect(at.size).toBe(count);
        for (const step of steps) {
          for (const dep of step.dependencies) {
            if (direction === 'LR') expect(at.get(dep)!.x + NODE_WIDTH).toBeLessThanOrEqual(at.get(step.name)!.x);
            else expect(at.get(dep)!.y + NODE_HEIGHT).toBeLessThanOrEqual(at.get(step.name)!.y);
          }
        }
        const boxes = [...at.values()].sort((a, b) => a.x - b.x || a.y - b.y);
        for (let i = 0; i < boxes.length; i++) {
          for (let j = i + 1; j < boxes.length && boxes[j]!.x < boxes[i]!.x + NODE_WIDTH; j++) {
            const apart = Math.abs(boxes[i]!.y - boxes[j]!.y) >= NODE_HEIGHT || Math.abs(boxes[i]!.x - boxes[j]!.x) >= NODE_WIDTH;
            expect(apart, `steps at ${JSON.stringify(boxes[i])} and ${JSON.stringify(boxes[j])} overlap`).toBe(true);
          }
        }
      }
    });
  }
});
