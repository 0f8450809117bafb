// The workflow as React Flow nodes and edges, rebuilt after each edit while reusing the object of every node and edge
// that did not change — React Flow then re-renders only what an edit touched, even on 5,000 steps.
import type { Edge, Node, Position } from '@xyflow/react';
import type { Workflow, WorkflowStep } from '../../shared/model.js';
import { isSubflowStep } from '../../shared/subflow-transform.js';
import { dependenciesOf, edgeId, positionOf, type XY } from '../editor/graph-edits.js';
import { HANDLE_SIZE, NODE_HEIGHT, NODE_WIDTH } from './node-size.js';

// React Flow's Position values, spelt out: a value import of @xyflow/react would pull the whole library into the
// first view's chunks, since the graph store (created at start-up) builds nodes with this module.
const LEFT = 'left' as Position;
const RIGHT = 'right' as Position;
const TOP = 'top' as Position;
const BOTTOM = 'bottom' as Position;

export type StepNodeData = { name: string; module: string; action: string; step: WorkflowStep };
/** `subflow`: a `workflow.run` step, drawn apart (SubflowNodeView, RunSubflowNodeView). */
export type StepNode = Node<StepNodeData, 'step' | 'subflow'>;

/** Where a handle on `side` sits in a step node (canvas.css centres a HANDLE_SIZE dot on the middle of that edge). */
function handleAt(side: Position, type: 'source' | 'target'): NonNullable<Node['handles']>[number] {
  const half = HANDLE_SIZE / 2;
  const x = side === LEFT ? -half : side === RIGHT ? NODE_WIDTH - half : NODE_WIDTH / 2 - half;
  const y = side === TOP ? -half : side === BOTTOM ? NODE_HEIGHT - half : NODE_HEIGHT / 2 - half;
  return { type, position: side, x, y, width: HANDLE_SIZE, height: HANDLE_SIZE };
}

// Handles known up front: React Flow otherwise renders every never-measured node once, visible or not, to find them —
// on opening 5,000 steps that was all 5,000 nodes mounted before the off-screen ones were culled.
const HANDLES = {
  horizontal: [handleAt(LEFT, 'target'), handleAt(RIGHT, 'source')],
  vertical: [handleAt(TOP, 'target'), handleAt(BOTTOM, 'source')],
};

function nodeOf(step: WorkflowStep, previous: StepNode | undefined, at: XY, vertical: boolean): StepNode {
  return {
    id: step.name,
    type: isSubflowStep(step) ? 'subflow' : 'step',
    position: at,
    data: { name: step.name, module: step.module, action: step.action, step },
    // Known sizes let fitView and the minimap work before (and without) the DOM measuring the nodes.
    width: NODE_WIDTH,
    height: NODE_HEIGHT,
    sourcePosition: vertical ? BOTTOM : RIGHT,
    targetPosition: vertical ? TOP : LEFT,
    handles: vertical ? HANDLES.vertical : HANDLES.horizontal,
    ...(previous?.measured !== undefined ? { measured: previous.measured } : {}),
    ...(previous?.selected === true ? { selected: true } : {}),
  };
}

export function syncNodes(workflow: Workflow, previous: readonly StepNode[], vertical: boolean): StepNode[] {
  const byId = new Map(previous.map((node) => [node.id, node]));
  return workflow.steps.map((step) => {
    const old = byId.get(step.name);
    const at = positionOf(step) ?? old?.position ?? { x: 0, y: 0 };
    const sameSide = old !== undefined && (old.sourcePosition === BOTTOM) === vertical;
    if (old !== undefined && old.data.step === step && sameSide && old.position.x === at.x && old.position.y === at.y) return old;
    return nodeOf(step, old, at, vertical);
  });
}

export function syncEdges(workflow: Workflow, previous: readonly Edge[]): Edge[] {
  const byId = new Map(previous.map((edge) => [edge.id, edge]));
  return dependenciesOf(workflow).map((dependency) => {
    const id = edgeId(dependency);
    return byId.get(id) ?? { id, source: dependency.source, target: dependency.target, reconnectable: true };
  });
}
