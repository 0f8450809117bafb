// A run's graph, read-only, drawn from the workflow the run ran (its snapshot), never from today's file.
import { Background, ControlButton, Controls, ReactFlow, ReactFlowProvider, useReactFlow, type NodeMouseHandler, type NodeTypes } from '@xyflow/react';
import { useCallback, useMemo, useState, type ReactElement } from 'react';
import type { Workflow } from '../../shared/model.js';
import { useActions, useRunViewStore } from '../app/hooks.js';
import { isGroupNode, overviewFrames, overviewNodes, type CanvasNode } from '../canvas/group-nodes.js';
import { GroupNodeView } from '../canvas/GroupNodeView.js';
import { GroupToggleContext } from '../canvas/group-toggle.js';
import { ActionGlyphsProvider } from '../canvas/ActionGlyphs.js';
import { CANVAS_PROPS } from '../canvas/canvas-props.js';
import { FitIcon } from '../canvas/FitIcon.js';
import { fitReach, fitRule, type FitRule } from '../canvas/fit-view.js';
import { FitViewOnResize } from '../canvas/FitViewOnResize.js';
import { NODE_HEIGHT, NODE_WIDTH } from '../canvas/node-size.js';
import { OverviewLayer } from '../canvas/OverviewLayer.js';
import { LARGE_GRAPH, OPEN_ZOOM, useOverview, useOverviewClick, useZoomInOn, type OverviewGroupClick } from '../canvas/use-overview.js';
import { useFitWorkflow } from '../canvas/use-fit-workflow.js';
import { runGraph } from './run-nodes.js';
import { RunNodeView } from './RunNodeView.js';
import { RunSubflowNodeView } from './RunSubflowNodeView.js';

const NO_TOGGLES: ReadonlyMap<string, boolean> = new Map();
const NODE_TYPES: NodeTypes = { step: RunNodeView, stepGroup: GroupNodeView, subflow: RunSubflowNodeView };

export function RunCanvas({ workflow }: { workflow: Workflow }): ReactElement {
  return (
    <div className="canvas canvas--run" aria-label="Run graph">
      <ReactFlowProvider>
        <ActionGlyphsProvider>
          <RunFlow workflow={workflow} />
        </ActionGlyphsProvider>
      </ReactFlowProvider>
    </div>
  );
}

/** Inside the provider: the overview's hooks read React Flow's viewport. */
function RunFlow({ workflow }: { workflow: Workflow }): ReactElement {
  // Collapsing or expanding a group here changes this view only, never the workflow's file.
  const [toggled, setToggled] = useState<{ of: Workflow; collapsed: ReadonlyMap<string, boolean> }>({ of: workflow, collapsed: new Map() });
  const collapsed = toggled.of === workflow ? toggled.collapsed : NO_TOGGLES;
  const toggle = useCallback((id: string, value: boolean) => setToggled((current) => ({ of: workflow, collapsed: new Map(current.of === workflow ? current.collapsed : []).set(id, value) })), [workflow]);
  const { nodes, edges } = useMemo(() => runGraph(workflow, collapsed), [workflow, collapsed]);
  const drawn = useMemo(() => overviewNodes(nodes), [nodes]);
  const frames = useMemo(() => overviewFrames(nodes), [nodes]);
  const { selectRunStep } = useActions();
  const selectedStep = useRunViewStore((state) => state.selectedStep);
  const { setCenter, getZoom } = useReactFlow();
  // A click on a collapsed group opens it to show its steps' statuses, as its ▸ does.
  const onNodeClick: NodeMouseHandler<CanvasNode> = (_event, node) => {
    if (!isGroupNode(node)) selectRunStep(node.id);
    else if (node.data.group.collapsed) toggle(node.data.group.id, false);
  };
  const rule = fitRule(fitReach(nodes.length), null);
  const { overview, shownNodes, shownEdges } = useOverview(nodes, edges);
  // Zoomed out, a click on a drawn step selects it and zooms in on it, as the editor does; the view then stays there
  // as the step panel opens beside it, rather than fitting the whole graph again (until another run's graph shows).
  const [heldFor, setHeldFor] = useState<Workflow | null>(null);
  const held = heldFor === workflow;
  const openStep = useCallback((step: string, at: { x: number; y: number }) => {
    setHeldFor(workflow);
    selectRunStep(step);
    void setCenter(at.x + NODE_WIDTH / 2, at.y + NODE_HEIGHT / 2, { zoom: Math.max(getZoom(), OPEN_ZOOM), duration: 200 });
  }, [workflow, selectRunStep, setCenter, getZoom]);
  // A click on a drawn collapsed group opens it, as a click on its node does, and zooms in on its frame.
  const zoomInOn = useZoomInOn();
  const expandGroup = useCallback<OverviewGroupClick>((group) => {
    setHeldFor(workflow);
    toggle(group.id, false);
    zoomInOn(group);
  }, [workflow, toggle, zoomInOn]);
  const onOverviewClick = useOverviewClick(drawn, openStep, expandGroup);
  return (
    <GroupToggleContext.Provider value={toggle}>
    <ReactFlow<CanvasNode>
      nodes={shownNodes}
      edges={shownEdges}
      nodeTypes={NODE_TYPES}
      {...CANVAS_PROPS}
      nodesDraggable={false}
      nodesConnectable={false}
      elementsSelectable={false}
      deleteKeyCode={null}
      onNodeClick={onNodeClick}
      onPaneClick={(event) => {
        if (!overview || !onOverviewClick(event)) selectRunStep(null);
      }}
      onlyRenderVisibleElements={nodes.length > LARGE_GRAPH}
    >
      <Background gap={20} size={1} />
      {overview && <OverviewLayer nodes={drawn} frames={frames} edges={edges} vertical={false} showProblems={false} selectedStep={selectedStep} />}
      <Controls aria-label="Zoom controls" orientation="horizontal" showInteractive={false} showFitView={false}>
        <FitButton rule={rule} />
      </Controls>
      {!held && <FitViewOnResize rule={rule} />}
    </ReactFlow>
    </GroupToggleContext.Provider>
  );
}

function FitButton({ rule }: { rule: FitRule }): ReactElement {
  const { getNodes } = useReactFlow();
  const fit = useFitWorkflow();
  return <ControlButton onClick={() => fit(getNodes(), rule, 200)} aria-label="Fit view" title="Fit view"><FitIcon /></ControlButton>;
}
