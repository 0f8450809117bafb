// A run's graph, read-only, drawn from the workflow the run ran (its snapshot), never from today's file.
import { Background, ControlButton, Controls, ReactFlow, ReactFlowProvider, useReactFlow, type NodeMouseHandler, type NodeTypes } from '@xyflow/react';
import { useMemo, type ReactElement } from 'react';
import type { Workflow } from '../../shared/model.js';
import { useActions } from '../app/hooks.js';
import type { StepNode } from '../canvas/step-nodes.js';
import { ActionGlyphsProvider } from '../canvas/ActionGlyphs.js';
import { EDGE_PROPS } from '../canvas/edge-style.js';
import { FitIcon } from '../canvas/FitIcon.js';
import { fitReach, fitRule, MIN_ZOOM, type FitRule } from '../canvas/fit-view.js';
import { FitViewOnResize } from '../canvas/FitViewOnResize.js';
import { useFitWorkflow } from '../canvas/use-fit-workflow.js';
import { runGraph } from './run-nodes.js';
import { RunNodeView } from './RunNodeView.js';

const NODE_TYPES: NodeTypes = { step: RunNodeView };

export function RunCanvas({ workflow }: { workflow: Workflow }): ReactElement {
  const { nodes, edges } = useMemo(() => runGraph(workflow), [workflow]);
  const { selectRunStep } = useActions();
  const onNodeClick: NodeMouseHandler<StepNode> = (_event, node) => selectRunStep(node.id);
  const rule = fitRule(fitReach(nodes.length), null);
  return (
    <div className="canvas" aria-label="Run graph">
      <ReactFlowProvider>
        <ActionGlyphsProvider>
          <ReactFlow<StepNode>
            nodes={nodes}
            edges={edges}
            nodeTypes={NODE_TYPES}
            colorMode="system"
            minZoom={MIN_ZOOM}
            {...EDGE_PROPS}
            nodesDraggable={false}
            nodesConnectable={false}
            elementsSelectable={false}
            deleteKeyCode={null}
            onNodeClick={onNodeClick}
            onPaneClick={() => selectRunStep(null)}
            onlyRenderVisibleElements={nodes.length > 300}
          >
            <Background gap={20} size={1} />
            <Controls aria-label="Zoom controls" orientation="horizontal" showInteractive={false} showFitView={false}>
              <FitButton rule={rule} />
            </Controls>
            <FitViewOnResize rule={rule} />
          </ReactFlow>
        </ActionGlyphsProvider>
      </ReactFlowProvider>
    </div>
  );
}

function FitButton({ rule }: { rule: FitRule }): ReactElement {
  const { getNodes } = useReactFlow();
  const fit = useFitWorkflow();
  return <ControlButton onClick={() => fit(getNodes(), rule, 200)} aria-label="Fit view" title="Fit view"><FitIcon /></ControlButton>;
}
