// The canvas's event handlers, stable across renders: React Flow's changes into the graph store, gestures into edits.
import { useReactFlow, type Connection, type Edge, type EdgeChange, type NodeChange, type OnDelete, type OnNodeDrag } from '@xyflow/react';
import { useCallback, useMemo, type DragEvent, type MouseEvent, type RefObject } from 'react';
import { useActions } from '../app/hooks.js';
import type { XY } from '../editor/graph-edits.js';
import { readDraggedAction } from './action-drag.js';
import { NODE_HEIGHT, NODE_WIDTH } from './node-size.js';
import { useCanvasActions } from './use-canvas-actions.js';
import type { CanvasNode } from './group-nodes.js';

/** `pointer` receives the last pointer position over the canvas, on screen: quick-add and paste put steps there. */
export function useCanvasHandlers(pointer: RefObject<XY | null>) {
  const actions = useActions();
  const canvas = useCanvasActions();
  const { screenToFlowPosition } = useReactFlow();

  const onNodesChange = useCallback((changes: NodeChange<CanvasNode>[]) => {
    // Removals come through onDelete, as one edit with the edges they take along.
    canvas.applyNodeChanges(changes.filter((change) => change.type !== 'remove'));
  }, [canvas]);
  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    canvas.applyEdgeChanges(changes.filter((change) => change.type !== 'remove'));
  }, [canvas]);
  const onDelete = useCallback<OnDelete<CanvasNode>>(({ nodes, edges }) => {
    actions.deleteElements(nodes.map((node) => node.id), edges.map(({ source, target }) => ({ source, target })));
  }, [actions]);
  const onConnect = useCallback((connection: Connection) => {
    actions.connectSteps({ source: connection.source, target: connection.target });
  }, [actions]);
  const onReconnect = useCallback((edge: Edge, connection: Connection) => {
    actions.reconnectEdge({ source: edge.source, target: edge.target }, { source: connection.source, target: connection.target });
  }, [actions]);
  const onNodeDragStop = useCallback<OnNodeDrag<CanvasNode>>((_event, _node, nodes) => {
    actions.commitDrag(nodes);
  }, [actions]);
  const onDragOver = useCallback((event: DragEvent) => {
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);
  const onDrop = useCallback((event: DragEvent) => {
    const dragged = readDraggedAction(event.dataTransfer);
    if (dragged === null) return;
    event.preventDefault();
    // The step is centred where it is dropped, as the hand that dropped it expects.
    const at = screenToFlowPosition({ x: event.clientX, y: event.clientY });
    actions.addAction(dragged, { x: at.x - NODE_WIDTH / 2, y: at.y - NODE_HEIGHT / 2 });
  }, [actions, screenToFlowPosition]);
  const onMouseMove = useCallback((event: MouseEvent) => {
    pointer.current = { x: event.clientX, y: event.clientY };
  }, [pointer]);
  const onNodeClick = useCallback((_event: MouseEvent, node: CanvasNode) => {
    if (node.type !== 'stepGroup') actions.selectStep(node.id);
  }, [actions]);

  return useMemo(() => ({
    onNodesChange, onEdgesChange, onDelete, onConnect, onReconnect, onNodeDragStop, onDragOver, onDrop, onMouseMove, onNodeClick,
  }), [onNodesChange, onEdgesChange, onDelete, onConnect, onReconnect, onNodeDragStop, onDragOver, onDrop, onMouseMove, onNodeClick]);
}
