// Auto layout: a workflow's steps as React Flow nodes placed left-to-right by dagre, an edge from each dependency.
import dagre from '@dagrejs/dagre';
import { Position, type Edge, type Node } from '@xyflow/react';
import type { WorkflowStep } from '../../shared/model.js';

export type StepNodeData = { name: string; module: string; action: string };
export type StepNode = Node<StepNodeData, 'step'>;

export const NODE_WIDTH = 220;
export const NODE_HEIGHT = 76;

interface Placed {
  x: number;
  y: number;
}

export function layoutSteps(steps: readonly Pick<WorkflowStep, 'name' | 'module' | 'action' | 'dependencies'>[]): { nodes: StepNode[]; edges: Edge[] } {
  const names = new Set(steps.map((step) => step.name));
  const edges: Edge[] = [];
  for (const step of steps) {
    // An invalid workflow can name a dependency that does not exist; it is listed as a problem, not drawn.
    for (const dependency of step.dependencies) {
      if (names.has(dependency)) edges.push({ id: `${dependency}->${step.name}`, source: dependency, target: step.name });
    }
  }
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'LR', nodesep: 28, ranksep: 72, marginx: 16, marginy: 16 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const step of steps) graph.setNode(step.name, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const edge of edges) graph.setEdge(edge.source, edge.target);
  dagre.layout(graph);
  const nodes: StepNode[] = steps.map((step) => {
    const placed = graph.node(step.name) as Placed;
    return {
      id: step.name,
      type: 'step',
      // dagre gives centres; React Flow wants the top-left corner.
      position: { x: placed.x - NODE_WIDTH / 2, y: placed.y - NODE_HEIGHT / 2 },
      data: { name: step.name, module: step.module, action: step.action },
      // Known sizes let fitView and the minimap work before (and without) the DOM measuring the nodes.
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
      sourcePosition: Position.Right,
      targetPosition: Position.Left,
      draggable: false,
      connectable: false,
    };
  });
  return { nodes, edges };
}
