// Marks the canvas `data-far` while zoomed out past reading: the stylesheet then draws steps as plain boxes, which
// repaint far faster while panning a big workflow. One boolean selector: crossing the threshold re-renders nothing.
import { useStore } from '@xyflow/react';
import { useEffect, type RefObject } from 'react';

/** Below this zoom a step's 13 px name is under ~5 px tall: unreadable, but costly to paint a thousand times. */
export const FAR_ZOOM = 0.4;

export function ZoomDetail({ canvasRef }: { canvasRef: RefObject<HTMLDivElement | null> }): null {
  const far = useStore((state) => state.transform[2] < FAR_ZOOM);
  useEffect(() => {
    canvasRef.current?.toggleAttribute('data-far', far);
  }, [far, canvasRef]);
  return null;
}
