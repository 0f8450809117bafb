// The React Flow canvas for the shown workflow: laid-out step nodes, dependency edges, controls and a minimap.
import { Background, Controls, MiniMap, ReactFlow, type NodeMouseHandler, type NodeTypes } from '@xyflow/react';
import { useCallback, type ReactElement } from 'react';
import { useActions, useGraphStore } from '../app/hooks.js';
import type { StepNode } from './layout.js';
import { FitViewOnResize } from './FitViewOnResize.js';
import { StepNodeView } from './StepNodeView.js';

// Outside the component: a new nodeTypes object per render would remount every node.
const NODE_TYPES: NodeTypes = { step: StepNodeView };
const FIT_VIEW = { padding: 0.2, maxZoom: 1.25 };
/** Past this many steps only the visible ones are rendered. */
const LARGE_GRAPH = 300;

export function WorkflowCanvas(): ReactElement {
  const nodes = useGraphStore((state) => state.nodes);
  const edges = useGraphStore((state) => state.edges);
  const { selectStep } = useActions();
  const onNodeClick = useCallback<NodeMouseHandler<StepNode>>((_event, node) => selectStep(node.id), [selectStep]);
  const onPaneClick = useCallback(() => selectStep(null), [selectStep]);
  return (
    <div className="canvas" aria-label="Workflow graph">
      <ReactFlow<StepNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        colorMode="system"
        fitView
        fitViewOptions={FIT_VIEW}
        minZoom={0.05}
        nodesDraggable={false}
        nodesConnectable={false}
        edgesFocusable={false}
        onlyRenderVisibleElements={nodes.length > LARGE_GRAPH}
        onNodeClick={onNodeClick}
        onPaneClick={onPaneClick}
      >
        <Background gap={20} size={1} />
        <Controls showInteractive={false} />
        <MiniMap pannable zoomable ariaLabel="Minimap" />
        <FitViewOnResize options={FIT_VIEW} />
      </ReactFlow>
    </div>
  );
}
