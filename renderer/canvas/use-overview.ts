// When a canvas shows its overview layer instead of step nodes: a large workflow zoomed out so far that names cannot be
// read. React Flow then gets every node hidden (it mounts none) and no edges; OverviewLayer draws them on a <canvas>.
// Zooming back in past FAR_ZOOM brings the DOM nodes back; a click on a drawn step zooms in on it, on a collapsed group
// expands it.
import { useReactFlow, useStore, useStoreApi, type Edge, type Node } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, type MouseEvent } from 'react';
import { fitRule, viewportFor, type Bounds } from './fit-view.js';
import type { WorkflowGroup } from '../../shared/workflow-groups.js';
import { stepAt, stepsIn } from './overview-draw.js';
import { collapsedGroupOf } from './overview-groups.js';
import { FAR_ZOOM } from './ZoomDetail.js';

/** Past this many steps React Flow renders only the visible ones and, zoomed out, the overview layer takes over. */
export const LARGE_GRAPH = 300;
const NO_EDGES: Edge[] = [];
/** A click this close to a drawn step (in screen px) lands on it: zoomed out, a step is a few pixels tall. */
const CLICK_SLACK = 6;
/** The zoom a step or group opened from the overview is shown at: its name and summary read well. */
export const OPEN_ZOOM = 0.9;

// One hidden copy per node object: an edit while zoomed out re-hides only the nodes it changed, so React Flow's
// equality check skips the rest.
const hiddenCopies = new WeakMap<Node, Node>();
function hidden<N extends Node>(node: N): N {
  let copy = hiddenCopies.get(node);
  if (copy === undefined) hiddenCopies.set(node, (copy = { ...node, hidden: true }));
  return copy as N;
}

export function useOverview<N extends Node>(nodes: N[], edges: Edge[]): { overview: boolean; shownNodes: N[]; shownEdges: Edge[] } {
  // A boolean selector: only crossing FAR_ZOOM re-renders the canvas, never a pan.
  const far = useStore((state) => state.transform[2] < FAR_ZOOM);
  const overview = far && nodes.length > LARGE_GRAPH;
  const shownNodes = useMemo(() => (overview ? nodes.map(hidden) : nodes), [overview, nodes]);
  const latest = useRef({ nodes, edges });
  latest.current = { nodes, edges };
  // The props reach React Flow's store only in an effect, after its node layer has rendered at the new zoom: zooming
  // out of a big graph would mount every step now in view (3,692 of 5,000, measured) only to drop them a moment later.
  // So the crossing hides (or shows) them in React Flow's store at once, before anything renders; the props that
  // follow are the same objects.
  const flow = useStoreApi<N>();
  useEffect(() => flow.subscribe((state, previous) => {
    const farNow = state.transform[2] < FAR_ZOOM;
    if (farNow === previous.transform[2] < FAR_ZOOM || latest.current.nodes.length <= LARGE_GRAPH) return;
    state.setNodes(farNow ? latest.current.nodes.map(hidden) : latest.current.nodes);
    state.setEdges(farNow ? NO_EDGES : latest.current.edges);
  }), [flow]);
  return { overview, shownNodes, shownEdges: overview ? NO_EDGES : edges };
}

/** A collapsed group clicked on the overview. */
export type OverviewGroupClick = (group: WorkflowGroup) => void;

/**
 * A pane click while the overview shows: the step drawn under the pointer, if any, is given to `open` (which selects it
 * and zooms in on it), a collapsed group to `expand`, and true returned; false when the click missed them all.
 */
export function useOverviewClick(nodes: readonly Node[], open: (step: string, at: { x: number; y: number }) => void, expand: OverviewGroupClick): (event: MouseEvent) => boolean {
  const { screenToFlowPosition, getZoom } = useReactFlow();
  return useCallback((event: MouseEvent) => {
    const point = screenToFlowPosition({ x: event.clientX, y: event.clientY });
    const hit = stepAt(nodes, point, CLICK_SLACK / getZoom());
    if (hit === null) return false;
    const group = collapsedGroupOf(hit);
    if (group === null) open(hit.id, hit.position);
    else expand(group);
    return true;
  }, [nodes, open, expand, screenToFlowPosition, getZoom]);
}

/**
 * Zooms in on a box (the frame of a group just expanded from the overview) as far as it fits, up to the zoom a step
 * opened from the overview gets, never out; animated as the other fits are.
 */
export function useZoomInOn(): (box: Bounds) => void {
  const flow = useStoreApi();
  const { setViewport } = useReactFlow();
  return useCallback((box: Bounds) => {
    const { width, height, transform: [, , zoom] } = flow.getState();
    if (width === 0 || height === 0) return;
    const rule = fitRule('whole', null);
    void setViewport(viewportFor(box, { width, height }, { ...rule, minZoom: zoom, maxZoom: Math.max(zoom, OPEN_ZOOM) }), { duration: 200 });
  }, [flow, setViewport]);
}

/**
 * Shift-drag's rubber band while the overview shows: React Flow selects none of its hidden nodes, so the steps drawn
 * under the band are given to `select` here (partly covered ones too, as the canvas's SelectionMode.Partial does), at
 * most once a frame and only when the set changes.
 */
export function useOverviewSelection(nodes: readonly Node[], active: boolean, select: (steps: readonly string[]) => void): void {
  const flow = useStoreApi();
  const latest = useRef(nodes);
  latest.current = nodes;
  useEffect(() => {
    if (!active) return undefined;
    let frame = 0;
    let chosen = '';
    // The band as last drawn, with the view it was drawn in: it is cleared from the store when the button goes up.
    let pending: { band: { x: number; y: number; width: number; height: number }; transform: readonly number[] } | null = null;
    const apply = (): void => {
      cancelAnimationFrame(frame);
      frame = 0;
      if (pending === null) return;
      const { band, transform: [x = 0, y = 0, zoom = 1] } = pending;
      pending = null;
      const steps = stepsIn(latest.current, { x: (band.x - x) / zoom, y: (band.y - y) / zoom, width: band.width / zoom, height: band.height / zoom });
      const key = steps.join('\n');
      if (key === chosen) return;
      chosen = key;
      select(steps);
    };
    const off = flow.subscribe((state, previous) => {
      if (state.userSelectionRect === previous.userSelectionRect) return;
      // A new band starts from nothing selected: React Flow has just cleared the selection.
      if (previous.userSelectionRect === null) chosen = '';
      if (state.userSelectionRect === null) {
        apply();
        return;
      }
      if (state.userSelectionActive) pending = { band: state.userSelectionRect, transform: state.transform };
      if (frame === 0) frame = requestAnimationFrame(apply);
    });
    return () => {
      off();
      cancelAnimationFrame(frame);
    };
  }, [flow, active, select]);
}
