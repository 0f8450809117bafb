// Centres the canvas on a step when asked (a click in the problems panel), at a readable zoom.
import { useReactFlow } from '@xyflow/react';
import { useEffect } from 'react';
import { useEditorStore } from '../app/hooks.js';
import { NODE_HEIGHT, NODE_WIDTH } from './node-size.js';

export function FocusOnRequest(): null {
  const request = useEditorStore((state) => state.focusRequest);
  const { setCenter, getZoom, getNode } = useReactFlow();
  useEffect(() => {
    if (request === null) return;
    const node = getNode(request.step);
    if (node === undefined) return;
    void setCenter(node.position.x + NODE_WIDTH / 2, node.position.y + NODE_HEIGHT / 2, { zoom: Math.max(getZoom(), 0.9), duration: 200 });
  }, [request, setCenter, getZoom, getNode]);
  return null;
}
