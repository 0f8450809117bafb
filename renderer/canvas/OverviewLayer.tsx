// The overview of a big workflow zoomed out past reading: every step and dependency drawn on one <canvas> over the
// pane, coloured by the shown run's statuses, while React Flow renders no step nodes (use-overview.ts). It redraws in
// the next animation frame after the view, a status, a problem or the graph changes — never through React.
import { Panel, useReactFlow, useStoreApi } from '@xyflow/react';
import { useContext, useEffect, useRef, type PointerEvent, type ReactElement, type WheelEvent } from 'react';
import { AppContext } from '../app/hooks.js';
import { selectShownRun } from '../runs/run-selectors.js';
import type { MinimapSize } from './fit-view.js';
import { createOverviewCache, drawOverviewCached } from './overview-cache.js';
import { drawMinimap, readPalette, type MinimapMapping, type OverviewFrame, type OverviewNode, type OverviewPalette, type OverviewScene } from './overview-draw.js';

interface Props {
  nodes: readonly OverviewNode[];
  /** The expanded groups' frames, drawn behind the steps. */
  frames?: readonly OverviewFrame[];
  edges: readonly { source: string; target: string }[];
  vertical: boolean;
  /** The editor marks invalid steps; a run's canvas shows the run, not today's problems. */
  showProblems: boolean;
  /** The run view's selected step (the editor's selection is on its nodes). */
  selectedStep?: string | null;
  /** The minimap, when shown: drawn here too, since React Flow's draws no hidden node. */
  minimap?: MinimapSize | null;
}

const NO_FRAMES: readonly OverviewFrame[] = [];

export function OverviewLayer({ nodes, frames = NO_FRAMES, edges, vertical, showProblems, selectedStep = null, minimap = null }: Props): ReactElement {
  const flow = useStoreApi();
  const { setCenter, getZoom, zoomTo } = useReactFlow();
  const minimapRef = useRef<HTMLCanvasElement>(null);
  const mapping = useRef<MinimapMapping | null>(null);
  const stores = useContext(AppContext)?.stores;
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const scene = useRef<OverviewScene | null>(null);
  const request = useRef<(changed?: 'picture') => void>(() => undefined);
  const cache = useRef(createOverviewCache());

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (canvas == null || ctx == null) return undefined;
    let palette: OverviewPalette = readPalette(canvas);
    let frame = 0;
    const draw = (): void => {
      frame = 0;
      const { transform, width, height } = flow.getState();
      const dpr = window.devicePixelRatio || 1;
      if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(height * dpr)) {
        canvas.width = Math.round(width * dpr);
        canvas.height = Math.round(height * dpr);
      }
      if (scene.current === null || width === 0) return;
      const drawn = drawOverviewCached(ctx, cache.current, scene.current, { x: transform[0], y: transform[1], zoom: transform[2] }, width, height, dpr, palette);
      // For tests and the bench: how many steps the last frame drew (what a user sees is the picture).
      canvas.dataset.drawn = String(drawn);
      const small = minimapRef.current;
      const smallCtx = small?.getContext('2d');
      if (small == null || smallCtx == null) return;
      const size = { width: small.clientWidth, height: small.clientHeight };
      if (small.width !== Math.round(size.width * dpr)) small.width = Math.round(size.width * dpr);
      if (small.height !== Math.round(size.height * dpr)) small.height = Math.round(size.height * dpr);
      mapping.current = drawMinimap(smallCtx, scene.current, { x: transform[0], y: transform[1], zoom: transform[2] }, { width, height }, size, dpr, palette);
    };
    // Anything but the view (a status, a problem, the theme, the graph) changes the picture a pan copies.
    request.current = (changed) => {
      if (changed === 'picture') cache.current.stale = true;
      if (frame === 0) frame = requestAnimationFrame(draw);
    };
    const offFlow = flow.subscribe((state, previous) => {
      if (state.transform !== previous.transform || state.width !== previous.width || state.height !== previous.height) request.current();
    });
    // The run store updates its Maps in place, one batch at a time (≤ 60 a second): each batch is a redraw.
    const offRuns = stores?.runs.subscribe((state, previous) => {
      if (state.batches !== previous.batches || state.shownExecutionId !== previous.shownExecutionId) request.current('picture');
    });
    const offProblems = showProblems ? stores?.validation.subscribe((state, previous) => {
      if (state.byStep !== previous.byStep) request.current('picture');
    }) : undefined;
    const scheme = window.matchMedia('(prefers-color-scheme: dark)');
    const onScheme = (): void => {
      palette = readPalette(canvas);
      request.current('picture');
    };
    scheme.addEventListener('change', onScheme);
    return () => {
      cancelAnimationFrame(frame);
      offFlow();
      offRuns?.();
      offProblems?.();
      scheme.removeEventListener('change', onScheme);
      request.current = () => undefined;
    };
  }, [flow, stores, showProblems]);

  useEffect(() => {
    scene.current = {
      nodes,
      frames,
      edges,
      vertical,
      statusOf: (step) => (stores === undefined ? undefined : selectShownRun(stores.runs.getState())?.steps.get(step)?.status),
      invalid: (step) => showProblems && stores?.validation.getState().byStep.has(step) === true,
      selected: (node) => node.selected === true || node.id === selectedStep,
    };
    request.current('picture');
  }, [nodes, frames, edges, vertical, stores, showProblems, selectedStep, minimap]);

  // The minimap pans the view to where it is pressed or dragged, and zooms under the wheel, as React Flow's does.
  const panTo = (event: PointerEvent<HTMLCanvasElement>): void => {
    const map = mapping.current;
    if (map === null || event.buttons !== 1) return;
    const box = event.currentTarget.getBoundingClientRect();
    void setCenter(map.origin.x + (event.clientX - box.left) / map.scale, map.origin.y + (event.clientY - box.top) / map.scale, { zoom: getZoom() });
  };
  const onPointerDown = (event: PointerEvent<HTMLCanvasElement>): void => {
    event.currentTarget.setPointerCapture(event.pointerId);
    panTo(event);
  };
  const onWheel = (event: WheelEvent<HTMLCanvasElement>): void => {
    void zoomTo(getZoom() * 2 ** (-event.deltaY * 0.002));
  };

  return (
    <>
      <canvas ref={canvasRef} className="overview-layer" data-overview="" role="img" aria-label={`Overview of ${nodes.length.toLocaleString('en')} steps — zoom in or click a step to read and edit it`} />
      {minimap !== null && (
        <Panel position="bottom-right" className="react-flow__minimap overview-minimap" style={minimap}>
          <canvas ref={minimapRef} role="img" aria-label="Minimap" onPointerDown={onPointerDown} onPointerMove={panTo} onWheel={onWheel} />
        </Panel>
      )}
    </>
  );
}
