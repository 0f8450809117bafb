// A run's graph, read-only, drawn from the workflow the run ran (its snapshot), never from today's file.
import { Background, Controls, ReactFlow, ReactFlowProvider, type NodeMouseHandler, type NodeTypes } from '@xyflow/react';
import { useMemo, type ReactElement } from 'react';
import type { Workflow } from '../../../shared/model.js';
import { useActions } from '../../app/hooks.js';
import type { StepNode } from '../../canvas/step-nodes.js';
import { FitViewOnResize } from '../../canvas/FitViewOnResize.js';
import { runGraph } from '../../runs/run-nodes.js';
import { RunNodeView } from './RunNodeView.js';

const NODE_TYPES: NodeTypes = { step: RunNodeView };
const FIT_VIEW = { padding: 0.2, maxZoom: 1.1 };

export function RunCanvas({ workflow }: { workflow: Workflow }): ReactElement {
  const { nodes, edges } = useMemo(() => runGraph(workflow), [workflow]);
  const { selectRunStep } = useActions();
  const onNodeClick: NodeMouseHandler<StepNode> = (_event, node) => selectRunStep(node.id);
  return (
    <div className="canvas" aria-label="Run graph">
      <ReactFlowProvider>
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
          elementsSelectable={false}
          deleteKeyCode={null}
          onNodeClick={onNodeClick}
          onPaneClick={() => selectRunStep(null)}
          onlyRenderVisibleElements={nodes.length > 300}
        >
          <Background gap={20} size={1} />
          <Controls aria-label="Zoom controls" showInteractive={false} />
          <FitViewOnResize options={FIT_VIEW} />
        </ReactFlow>
      </ReactFlowProvider>
    </div>
  );
}
