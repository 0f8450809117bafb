// Brings steps just put on the canvas (an unpacked subflow, a conversion's new step) into view when asked, animated as
// the editor's other fits; a view that already shows them all stays as it is.
import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { useEditorStore, useGraphStore } from '../app/hooks.js';
import { nodesBounds, revealViewport, type FitRule } from './fit-view.js';
import { overviewNodes } from './group-nodes.js';

export function RevealOnRequest({ rule }: { rule: FitRule }): null {
  const request = useEditorStore((state) => state.revealRequest);
  // The graph store's nodes, not React Flow's: the unpacked steps are there at once, with their sizes.
  const nodes = useGraphStore((state) => state.nodes);
  const store = useStoreApi();
  const { setViewport } = useReactFlow();
  // A request made before this canvas existed (for another workflow) is not this canvas's to answer.
  const seen = useRef(request?.seq);
  useEffect(() => {
    if (request === null || request.seq === seen.current) return;
    const wanted = new Set(request.steps);
    // At their absolute places: a step inside a group stands relative to its frame.
    const shown = overviewNodes(nodes).filter((node) => wanted.has(node.id));
    // Until the edit's nodes are in the store, the request waits for them.
    if (shown.length === 0) return;
    seen.current = request.seq;
    const bounds = nodesBounds(shown);
    const { domNode, transform: [x, y, zoom] } = store.getState();
    // The box as laid out now, not as last observed: a conversion's selection opens the inspector in the same render.
    const width = domNode?.clientWidth ?? store.getState().width;
    const height = domNode?.clientHeight ?? store.getState().height;
    if (bounds === null || width === 0 || height === 0) return;
    const viewport = revealViewport(bounds, { width, height }, rule, { x, y, zoom });
    if (viewport !== null) void setViewport(viewport, { duration: 200 });
  }, [request, nodes, rule, store, setViewport]);
  return null;
}
