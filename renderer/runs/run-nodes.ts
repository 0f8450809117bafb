// A run's workflow snapshot as read-only canvas nodes and edges, laid out once (positions from the file when it has
// them), its groups drawn as the file keeps them unless the run view collapsed or expanded one.
import type { Edge } from '@xyflow/react';
import type { Workflow } from '../../shared/model.js';
import { readGroups, writeGroups } from '../../shared/workflow-groups.js';
import { syncCanvas, type CanvasNode } from '../canvas/group-nodes.js';
import { placeSteps } from '../canvas/place-steps.js';

/** `collapsed` overrides the file's collapsed state of the groups it names (the run view's own toggles). */
export function runGraph(workflow: Workflow, collapsed: ReadonlyMap<string, boolean> = new Map()): { nodes: CanvasNode[]; edges: Edge[] } {
  const placed = placeSteps(workflow, 'LR');
  const shown = collapsed.size === 0 ? placed : writeGroups(placed, readGroups(placed).groups.map((group) => ({ ...group, collapsed: collapsed.get(group.id) ?? group.collapsed })));
  const canvas = syncCanvas(shown, { nodes: [], edges: [] }, false);
  const nodes = canvas.nodes.map((node) => ({ ...node, draggable: false, connectable: false, deletable: false, ...(node.type === 'stepGroup' ? { selectable: false } : {}) }));
  const edges = canvas.edges.map((edge) => ({ ...edge, reconnectable: false, deletable: false, focusable: false }));
  return { nodes, edges };
}

/** Most attempts a step gets: 1 + its retry count. */
export const maxAttempts = (workflow: Workflow | null | undefined, step: string): number =>
  1 + (workflow?.steps.find((candidate) => candidate.name === step)?.retry?.count ?? 0);
