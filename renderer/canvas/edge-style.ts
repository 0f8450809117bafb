// How a dependency is drawn on every canvas: a curve ending in an arrowhead at the dependent step, so the direction
// of a workflow reads without knowing which side a step's handles are on. The arrow takes the edge's colour from CSS.
import type { DefaultEdgeOptions, MarkerType } from '@xyflow/react';

// React Flow's MarkerType value, spelt out: this module is small and type imports keep it so.
const ARROW_CLOSED = 'arrowclosed' as MarkerType;

const DEFAULT_EDGE_OPTIONS: DefaultEdgeOptions = {
  markerEnd: { type: ARROW_CLOSED, width: 14, height: 14 },
};

/** Both canvases' edge props: arrowheads, coloured by the stylesheet (a null marker colour leaves it to CSS). */
export const EDGE_PROPS = { defaultEdgeOptions: DEFAULT_EDGE_OPTIONS, defaultMarkerColor: null } as const;
