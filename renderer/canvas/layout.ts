// Auto layout with dagre: a position for every step, left-to-right or top-to-bottom, dependencies before dependents.
import dagre from '@dagrejs/dagre';
import type { WorkflowStep } from '../../shared/model.js';
import type { XY } from '../editor/graph-edits.js';
import { fastLayeredPositions } from './fast-layout.js';
import { NODE_HEIGHT, NODE_WIDTH } from './node-size.js';

export type LayoutDirection = 'LR' | 'TB';

/** Above this many steps dagre is too slow for an interactive editor (see fast-layout.ts). */
export const DAGRE_LIMIT = 300;

/**
 * Up to this many steps dagre ranks by network simplex (shortest edges overall); above, by longest path. Measured on a
 * two-core machine for layered graphs: 200 steps 310–450 ms → 140–200 ms, 300 steps 0.9–1.1 s → 190–230 ms.
 */
const SIMPLEX_LIMIT = 100;

/** Top-left corners, by step name. */
export function layoutPositions(steps: readonly Pick<WorkflowStep, 'name' | 'dependencies'>[], direction: LayoutDirection = 'LR'): Map<string, XY> {
  if (steps.length > DAGRE_LIMIT) return fastLayeredPositions(steps, direction === 'TB', { width: NODE_WIDTH, height: NODE_HEIGHT, rankGap: 72, nodeGap: 28 });
  const names = new Set(steps.map((step) => step.name));
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({
    rankdir: direction, nodesep: direction === 'LR' ? 28 : 40, ranksep: direction === 'LR' ? 72 : 56, marginx: 16, marginy: 16,
    ranker: steps.length > SIMPLEX_LIMIT ? 'longest-path' : 'network-simplex',
  });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const step of steps) graph.setNode(step.name, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const step of steps) {
    // An invalid workflow can name a dependency that does not exist; it is listed as a problem, not laid out.
    for (const dep of step.dependencies) if (names.has(dep) && dep !== step.name) graph.setEdge(dep, step.name);
  }
  dagre.layout(graph);
  const positions = new Map<string, XY>();
  for (const step of steps) {
    const placed = graph.node(step.name) as XY;
    // dagre gives centres; React Flow wants the top-left corner.
    positions.set(step.name, { x: Math.round(placed.x - NODE_WIDTH / 2), y: Math.round(placed.y - NODE_HEIGHT / 2) });
  }
  return positions;
}
