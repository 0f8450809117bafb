// The editor's actions that need React Flow's change-appliers or dagre: built in the editor's chunk, so the first
// view (which creates every store and the other actions) loads neither library.
import { applyEdgeChanges, applyNodeChanges, type EdgeChange, type NodeChange } from '@xyflow/react';
import { moveSteps } from '../editor/graph-edits.js';
import { refitGroups } from '../editor/group-edits.js';
import type { Stores } from '../app/stores.js';
import { layoutPositions, type LayoutDirection } from './layout.js';
import type { CanvasNode } from './group-nodes.js';

export function createCanvasActions(stores: Pick<Stores, 'graph' | 'editor'>) {
  const { graph, editor } = stores;

  /** Lays every step out again, as one undo entry, and brings the whole new layout into view, however far out. */
  const layout = (direction: LayoutDirection): boolean => {
    graph.getState().setDirection(direction);
    const moved = graph.getState().edit(`layout ${direction}`, (workflow) => refitGroups(moveSteps(workflow, layoutPositions(workflow.steps, direction))));
    editor.getState().requestFit(true);
    return moved;
  };

  return {
    layout,
    /** Lays the graph out again, flipping between left-to-right and top-to-bottom. */
    toggleLayout: () => layout(graph.getState().direction === 'LR' ? 'TB' : 'LR'),
    /** React Flow's own changes: measuring, selecting, and positions while a drag is in progress. */
    applyNodeChanges: (changes: NodeChange<CanvasNode>[]) => {
      graph.getState().setNodes(applyNodeChanges(changes, graph.getState().nodes), changes.some((change) => change.type === 'select'));
    },
    applyEdgeChanges: (changes: EdgeChange[]) => graph.getState().setEdges(applyEdgeChanges(changes, graph.getState().edges)),
  };
}

export type CanvasActions = ReturnType<typeof createCanvasActions>;
