// A run's workflow snapshot as read-only canvas nodes and edges, laid out once (positions from the file when it has
// them).
import type { Edge } from '@xyflow/react';
import type { Workflow } from '../../shared/model.js';
import { syncEdges, syncNodes, type StepNode } from '../canvas/step-nodes.js';
import { placeSteps } from '../canvas/place-steps.js';

export function runGraph(workflow: Workflow): { nodes: StepNode[]; edges: Edge[] } {
  const placed = placeSteps(workflow, 'LR');
  const nodes = syncNodes(placed, [], false).map((node) => ({ ...node, draggable: false, connectable: false, deletable: false }));
  const edges = syncEdges(placed, []).map((edge) => ({ ...edge, reconnectable: false, deletable: false, focusable: false }));
  return { nodes, edges };
}

/** Most attempts a step gets: 1 + its retry count. */
export const maxAttempts = (workflow: Workflow | null | undefined, step: string): number =>
  1 + (workflow?.steps.find((candidate) => candidate.name === step)?.retry?.count ?? 0);
