// The editable React Flow canvas: step nodes, dependency edges, drop target for the palette, minimap and controls.
import { Background, ConnectionLineType, ControlButton, Controls, MiniMap, ReactFlow, SelectionMode, useStore, type NodeTypes } from '@xyflow/react';
import { useCallback, useMemo, useState, type ReactElement, type RefObject } from 'react';
import { useActions, useEditorStore, useGraphStore } from '../app/hooks.js';
import type { XY } from '../editor/graph-edits.js';
import { ActionGlyphsProvider } from './ActionGlyphs.js';
import { CANVAS_PROPS } from './canvas-props.js';
import { fitReach, fitRule, MINIMAP_SIZES, NARROW_CANVAS } from './fit-view.js';
import { FitIcon } from './FitIcon.js';
import { FitOnRequest } from './FitOnRequest.js';
import { FitViewOnResize } from './FitViewOnResize.js';
import { FocusOnRequest } from './FocusOnRequest.js';
import { OverviewLayer } from './OverviewLayer.js';
import { RevealOnRequest } from './RevealOnRequest.js';
import { overviewFrames, overviewNodes, type CanvasNode } from './group-nodes.js';
import { GroupNodeView } from './GroupNodeView.js';
import { GroupToggleContext } from './group-toggle.js';
import { StepNodeView } from './StepNodeView.js';
import { SubflowNodeView } from './SubflowNodeView.js';
import { menuFromKey, StepContextMenu, type StepMenuAt } from './StepContextMenu.js';
import { useCanvasHandlers } from './use-canvas-handlers.js';
import { useOpeningView } from './use-opening-view.js';
import { LARGE_GRAPH, useOverview, useOverviewClick, useOverviewSelection, useZoomInOn, type OverviewGroupClick } from './use-overview.js';
import { useViewHold } from './use-view-hold.js';
import { ZoomDetail } from './ZoomDetail.js';
import { useRestoredViewport } from '../editor/RestoreViewport.js';

// Outside the component: a new nodeTypes object per render would remount every node.
const NODE_TYPES: NodeTypes = { step: StepNodeView, stepGroup: GroupNodeView, subflow: SubflowNodeView };
const SNAP_GRID: [number, number] = [20, 20];
const DELETE_KEYS = ['Delete', 'Backspace'];
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
/** Past this many steps the minimap starts hidden: it repaints every step at each pan/zoom frame. */
const MINIMAP_LIMIT = 2000;

export function WorkflowCanvas({ pointer, canvasRef }: { pointer: RefObject<XY | null>; canvasRef: RefObject<HTMLDivElement | null> }): ReactElement {
  const nodes = useGraphStore((state) => state.nodes);
  const edges = useGraphStore((state) => state.edges);
  const vertical = useGraphStore((state) => state.direction === 'TB');
  const restored = useRestoredViewport();
  const { held, hold, onMoveStart } = useViewHold(restored !== null);
  const snapToGrid = useEditorStore((state) => state.snapToGrid);
  const handlers = useCanvasHandlers(pointer);
  // Zoomed out past reading on a big workflow, steps and dependencies are drawn on one <canvas> (OverviewLayer) and
  // React Flow renders none of them. Deleting a step still drops its dependencies (removeElements).
  const { overview, shownNodes, shownEdges } = useOverview(nodes, edges);
  const minimapChoice = useEditorStore((state) => state.minimap);
  const { setMinimap, fitCanvas, focusStep, select, setGroupCollapsed } = useActions();
  const drawn = useMemo(() => overviewNodes(nodes), [nodes]);
  const frames = useMemo(() => overviewFrames(nodes), [nodes]);
  // A click on a drawn step selects it and zooms in on it; the view then stays where the user took it.
  const openStep = useCallback((step: string) => {
    hold();
    focusStep(step);
  }, [hold, focusStep]);
  // A click on a drawn collapsed group expands it (an undoable edit, as its ▸ is) and zooms in on its frame.
  const zoomInOn = useZoomInOn();
  const expandGroup = useCallback<OverviewGroupClick>((group) => {
    hold();
    setGroupCollapsed(group.id, false);
    zoomInOn(group);
  }, [hold, setGroupCollapsed, zoomInOn]);
  const onOverviewClick = useOverviewClick(drawn, openStep, expandGroup);
  useOverviewSelection(drawn, overview, select);
  const narrow = useStore((state) => state.width > 0 && state.width < NARROW_CANVAS);
  // On a narrow canvas (beside the inspector in a small window) the minimap would hide much of it: off unless asked for.
  const minimap = minimapChoice ?? (nodes.length <= MINIMAP_LIMIT && !narrow);
  const minimapSize = minimap ? MINIMAP_SIZES[narrow ? 'narrow' : 'wide'] : null;
  const reach = fitReach(nodes.length);
  const rule = fitRule(reach, minimapSize);
  const [menu, setMenu] = useState<StepMenuAt | null>(null);
  const closeMenu = useCallback(() => setMenu(null), []);
  const opening = useOpeningView(canvasRef, nodes, rule);
  return (
    <div
      className="canvas" aria-label="Workflow graph" ref={canvasRef} data-large={nodes.length > LARGE_GRAPH || undefined} onDragOver={handlers.onDragOver} onDrop={handlers.onDrop} onMouseMove={handlers.onMouseMove}
      onKeyDown={(event) => {
        const at = menuFromKey(event);
        if (at === null) return;
        event.preventDefault();
        setMenu(at);
      }}
    >
      {/* Mounted once the opening view is known (use-opening-view.ts): a layout effect away, before the first paint. */}
      {opening !== null && (
      <ActionGlyphsProvider>
        <GroupToggleContext.Provider value={setGroupCollapsed}>
        <ReactFlow<CanvasNode>
          defaultViewport={restored ?? opening}
          nodes={shownNodes}
          edges={shownEdges}
          nodeTypes={NODE_TYPES}
          {...CANVAS_PROPS}
          onMoveStart={onMoveStart}
          onNodesChange={handlers.onNodesChange}
          onEdgesChange={handlers.onEdgesChange}
          onDelete={handlers.onDelete}
          onConnect={handlers.onConnect}
          onReconnect={handlers.onReconnect}
          onNodeDragStop={handlers.onNodeDragStop}
          onNodeClick={handlers.onNodeClick}
          onPaneClick={overview ? onOverviewClick : undefined}
          onNodeContextMenu={(event, node) => {
            event.preventDefault();
            setMenu({ step: node.id, x: event.clientX, y: event.clientY });
          }}
          connectionLineType={ConnectionLineType.Bezier}
          deleteKeyCode={DELETE_KEYS}
          multiSelectionKeyCode={MULTI_SELECT_KEYS}
          selectionKeyCode="Shift"
          selectionMode={SelectionMode.Partial}
          snapToGrid={snapToGrid}
          snapGrid={SNAP_GRID}
          edgesFocusable
          onlyRenderVisibleElements={nodes.length > LARGE_GRAPH}
        >
          <Background gap={20} size={1} />
          {overview && <OverviewLayer nodes={drawn} frames={frames} edges={edges} vertical={vertical} showProblems minimap={minimapSize} />}
          {/* Narrow, the lock goes: the row of controls and the minimap must both fit along the bottom edge. */}
          <Controls aria-label="Zoom controls" orientation="horizontal" showFitView={false} showInteractive={!narrow}>
            <ControlButton onClick={fitCanvas} aria-label="Fit view" title="Fit view (F)"><FitIcon /></ControlButton>
            <ControlButton onClick={() => setMinimap(!minimap)} aria-label="Show minimap" title="Show minimap" aria-pressed={minimap}>▣</ControlButton>
          </Controls>
          {minimapSize !== null && !overview && <MiniMap pannable zoomable ariaLabel="Minimap" style={minimapSize} />}
          {!held && <FitViewOnResize rule={rule} />}
          <FitOnRequest reach={reach} minimap={minimapSize} />
          <FocusOnRequest />
          <RevealOnRequest rule={rule} />
          <ZoomDetail canvasRef={canvasRef} />
        </ReactFlow>
        </GroupToggleContext.Provider>
      </ActionGlyphsProvider>
      )}
      {nodes.length === 0 && (
        <p className="canvas__hint" role="note">No steps yet: click an action on the left to add one, or drag it here. A step's right-hand dot, dragged onto another step, makes that one depend on it.</p>
      )}
      {menu !== null && <StepContextMenu at={menu} onClose={closeMenu} />}
    </div>
  );
}
