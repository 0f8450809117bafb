// The view a canvas opens at: its steps fitted to the canvas's own box, measured before React Flow first renders. React
// Flow otherwise renders once at zoom 1 on a 0×0 pane (every edge tested for visibility, every node adopted) and the
// fit that follows re-renders it all: on a big workflow that second pass hides every node again for the overview.
import { useStoreApi, type Node } from '@xyflow/react';
import { useLayoutEffect, useState, type RefObject } from 'react';
import { fitViewport, type FitRule, type Viewport } from './fit-view.js';

const AT_ORIGIN: Viewport = { x: 0, y: 0, zoom: 1 };

/** Null until the box is measured and the view chosen; then the viewport to give React Flow as its default. */
export function useOpeningView(box: RefObject<HTMLElement | null>, nodes: readonly Node[], rule: FitRule): Viewport | null {
  const flow = useStoreApi();
  const [sized, setSized] = useState(false);
  const [view, setView] = useState<Viewport | null>(null);
  // First the size, in React Flow's store: the rule (narrow canvas, minimap) follows it in the next render.
  useLayoutEffect(() => {
    if (sized || box.current === null) return;
    flow.setState({ width: box.current.clientWidth, height: box.current.clientHeight });
    setSized(true);
  }, [sized, box, flow]);
  useLayoutEffect(() => {
    if (!sized || view !== null) return;
    const { width, height } = flow.getState();
    const next = (width > 0 && height > 0 ? fitViewport(nodes, { width, height }, rule) : null) ?? AT_ORIGIN;
    flow.setState({ transform: [next.x, next.y, next.zoom] });
    setView(next);
  }, [sized, view, nodes, rule, flow]);
  return view;
}
