// Centres the canvas on a step when asked (a click in the problems panel), at a readable zoom.
import { useReactFlow } from '@xyflow/react';
import { useEffect } from 'react';
import { useEditorStore } from '../app/hooks.js';
import { NODE_HEIGHT, NODE_WIDTH } from './node-size.js';
import { OPEN_ZOOM } from './use-overview.js';

export function FocusOnRequest(): null {
  const request = useEditorStore((state) => state.focusRequest);
  const { setCenter, getZoom, getInternalNode } = useReactFlow();
  useEffect(() => {
    if (request === null) return;
    // Absolute: a step inside a group has its position relative to the group's corner.
    const at = getInternalNode(request.step)?.internals.positionAbsolute;
    if (at === undefined) return;
    void setCenter(at.x + NODE_WIDTH / 2, at.y + NODE_HEIGHT / 2, { zoom: Math.max(getZoom(), OPEN_ZOOM), duration: 200 });
  }, [request, setCenter, getZoom, getInternalNode]);
  return null;
}
