// Marks the canvas with how far it is zoomed out (`data-zoom`): the stylesheet then drops detail nobody can see at that
// size, which repaints far faster while panning a big workflow. The selector yields a level, so only crossing a
// threshold re-renders this component — nothing else.
import { useStore, type ReactFlowState } from '@xyflow/react';
import { useEffect, type RefObject } from 'react';

/** Below this zoom a step's 13 px name is under ~5 px tall: unreadable, but costly to paint a thousand times. */
export const FAR_ZOOM = 0.4;
/** Below this zoom a 1.5 px edge is under 0.15 px wide — invisible, yet thousands of them cost most of a frame. */
export const OVERVIEW_ZOOM = 0.1;

export type ZoomLevel = 'near' | 'far' | 'overview';

export function zoomLevel(zoom: number): ZoomLevel {
  if (zoom < OVERVIEW_ZOOM) return 'overview';
  return zoom < FAR_ZOOM ? 'far' : 'near';
}

export const selectZoomLevel = (state: ReactFlowState): ZoomLevel => zoomLevel(state.transform[2]);

export function ZoomDetail({ canvasRef }: { canvasRef: RefObject<HTMLDivElement | null> }): null {
  const level = useStore(selectZoomLevel);
  useEffect(() => {
    canvasRef.current?.setAttribute('data-zoom', level);
  }, [level, canvasRef]);
  return null;
}
