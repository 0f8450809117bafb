// A workflow's groups on the canvas: each group a React Flow parent node (before its children, as React Flow needs),
// member steps placed inside it (positions relative to the group's corner), and a collapsed group one compact node —
// its steps are left out of the canvas entirely (never rendered nor measured) and their edges drawn to it, once each.
import type { Edge, Node, Position } from '@xyflow/react';
import type { Workflow } from '../../shared/model.js';
import { readGroups, type WorkflowGroup } from '../../shared/workflow-groups.js';
import { edgeId } from '../editor/graph-edits.js';
import { HANDLE_SIZE } from './node-size.js';
import type { OverviewFrame } from './overview-draw.js';
import { syncEdges, syncNodes, type StepNode } from './step-nodes.js';

export type GroupNodeData = { group: WorkflowGroup };
export type GroupNode = Node<GroupNodeData, 'stepGroup'>;
export type CanvasNode = StepNode | GroupNode;

/** Step names never hold ":", so a group's node id cannot meet a step's. */
export const GROUP_NODE_PREFIX = 'group:';
export const groupNodeId = (id: string): string => `${GROUP_NODE_PREFIX}${id}`;
export const isGroupNode = (node: CanvasNode): node is GroupNode => node.type === 'stepGroup';
export const isStepNode = (node: CanvasNode): node is StepNode => node.type === 'step' || node.type === 'subflow';

export const COLLAPSED_WIDTH = 240;
export const COLLAPSED_HEIGHT = 84;

const LEFT = 'left' as Position;
const RIGHT = 'right' as Position;
const TOP = 'top' as Position;
const BOTTOM = 'bottom' as Position;

/** A collapsed group's handles, known up front as a step's are, so React Flow need not measure it to draw its edges. */
function collapsedHandles(vertical: boolean): NonNullable<Node['handles']> {
  const half = HANDLE_SIZE / 2;
  const at = (side: Position, type: 'source' | 'target') => ({
    type, position: side, width: HANDLE_SIZE, height: HANDLE_SIZE,
    x: side === LEFT ? -half : side === RIGHT ? COLLAPSED_WIDTH - half : COLLAPSED_WIDTH / 2 - half,
    y: side === TOP ? -half : side === BOTTOM ? COLLAPSED_HEIGHT - half : COLLAPSED_HEIGHT / 2 - half,
  });
  return vertical ? [at(TOP, 'target'), at(BOTTOM, 'source')] : [at(LEFT, 'target'), at(RIGHT, 'source')];
}

function groupNode(group: WorkflowGroup, previous: CanvasNode | undefined, vertical: boolean): GroupNode {
  const width = group.collapsed ? COLLAPSED_WIDTH : group.width;
  const height = group.collapsed ? COLLAPSED_HEIGHT : group.height;
  const old = previous !== undefined && isGroupNode(previous) ? previous : undefined;
  if (old !== undefined && sameGroup(old.data.group, group) && (old.sourcePosition === BOTTOM) === vertical) return old;
  return {
    id: groupNodeId(group.id),
    type: 'stepGroup',
    position: { x: group.x, y: group.y },
    data: { group },
    width,
    height,
    // An expanded group is a frame behind its steps; a collapsed one stands in for them, edges and all.
    zIndex: group.collapsed ? 0 : -1,
    deletable: false,
    connectable: false,
    sourcePosition: vertical ? BOTTOM : RIGHT,
    targetPosition: vertical ? TOP : LEFT,
    ...(group.collapsed ? { handles: collapsedHandles(vertical) } : {}),
    ...(old?.selected === true ? { selected: true } : {}),
  };
}

const sameGroup = (a: WorkflowGroup, b: WorkflowGroup): boolean =>
  a.id === b.id && a.name === b.name && a.colour === b.colour && a.collapsed === b.collapsed && a.x === b.x && a.y === b.y
  && a.width === b.width && a.height === b.height && a.steps.length === b.steps.length && a.steps.every((step, i) => step === b.steps[i]);

/** A member step placed inside its group; the previous node object when nothing about it changed. */
function childNode(node: StepNode, group: WorkflowGroup, previous: CanvasNode | undefined): StepNode {
  const position = { x: node.position.x - group.x, y: node.position.y - group.y };
  const parentId = groupNodeId(group.id);
  if (previous !== undefined && isStepNode(previous) && previous.data === node.data && previous.parentId === parentId
    && previous.position.x === position.x && previous.position.y === position.y && previous.sourcePosition === node.sourcePosition) return previous;
  return { ...node, position, parentId };
}

/**
 * The canvas's nodes and edges for `workflow`, reusing every unchanged object of `previous` (so React Flow re-renders
 * only what an edit touched), with the groups' notices (what `ui.groups` named that could not be drawn).
 */
export function syncCanvas(workflow: Workflow, previous: { nodes: readonly CanvasNode[]; edges: readonly Edge[] }, vertical: boolean): { nodes: CanvasNode[]; edges: Edge[]; notices: string[] } {
  const { groups, notices } = readGroups(workflow);
  const oldById = new Map(previous.nodes.map((node) => [node.id, node]));
  const oldSteps = previous.nodes.filter(isStepNode).map((node) => (node.parentId === undefined ? node : absolute(node, oldById)));
  const steps = syncNodes(workflow, oldSteps, vertical);
  const flatEdges = syncEdges(workflow, previous.edges.filter((edge) => edge.data?.grouped !== true));
  if (groups.length === 0) return { nodes: steps, edges: flatEdges, notices };

  const home = new Map<string, WorkflowGroup>();
  for (const group of groups) for (const step of group.steps) home.set(step, group);
  const nodes: CanvasNode[] = groups.map((group) => groupNode(group, oldById.get(groupNodeId(group.id)), vertical));
  for (const node of steps) {
    const group = home.get(node.id);
    if (group === undefined) nodes.push(node);
    else if (!group.collapsed) nodes.push(childNode(node, group, oldById.get(node.id)));
  }
  return { nodes, edges: groupedEdges(flatEdges, home, previous.edges), notices };
}

/** A member node as syncNodes knows it: at its absolute position, so an unchanged step keeps its object there. */
function absolute(node: StepNode, byId: ReadonlyMap<string, CanvasNode>): StepNode {
  const parent = byId.get(node.parentId!);
  if (parent === undefined) return node;
  const { parentId: _parent, ...rest } = node;
  return { ...rest, position: { x: node.position.x + parent.position.x, y: node.position.y + parent.position.y } };
}

/** Edges to a collapsed group's steps go to the group's node, one per pair; edges inside one collapsed group go. */
function groupedEdges(edges: readonly Edge[], home: ReadonlyMap<string, WorkflowGroup>, previous: readonly Edge[]): Edge[] {
  const end = (step: string): string => {
    const group = home.get(step);
    return group?.collapsed === true ? groupNodeId(group.id) : step;
  };
  const oldById = new Map(previous.map((edge) => [edge.id, edge]));
  const seen = new Set<string>();
  const result: Edge[] = [];
  for (const edge of edges) {
    const source = end(edge.source);
    const target = end(edge.target);
    if (source === edge.source && target === edge.target) {
      result.push(edge);
      continue;
    }
    if (source === target) continue;
    const id = edgeId({ source, target });
    if (seen.has(id)) continue;
    seen.add(id);
    const old = oldById.get(id);
    result.push(old?.data?.grouped === true ? old : { id, source, target, reconnectable: false, deletable: false, selectable: false, data: { grouped: true } });
  }
  return result;
}

/** The nodes as the overview layer draws them: every shown step at its absolute position, a collapsed group as one. */
export function overviewNodes(nodes: readonly CanvasNode[]): CanvasNode[] {
  if (!nodes.some(isGroupNode)) return nodes as CanvasNode[];
  const byId = new Map(nodes.map((node) => [node.id, node]));
  return nodes.flatMap((node): CanvasNode[] => {
    if (isGroupNode(node)) return node.data.group.collapsed ? [node] : [];
    return [node.parentId === undefined ? node : absolute(node, byId)];
  });
}

/** The expanded groups' frames as the overview layer draws them behind their steps. */
export function overviewFrames(nodes: readonly CanvasNode[]): OverviewFrame[] {
  return nodes.filter(isGroupNode).filter((node) => !node.data.group.collapsed).map(({ position, data: { group } }) => ({ x: position.x, y: position.y, width: group.width, height: group.height, colour: group.colour }));
}
