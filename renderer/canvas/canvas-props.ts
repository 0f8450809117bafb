// The React Flow props both canvases (the editor's and a run's) share: the system's colour mode, the zoom floor,
// and how edges are drawn.
import { EDGE_PROPS } from './edge-style.js';
import { MIN_ZOOM } from './fit-view.js';

export const CANVAS_PROPS = { colorMode: 'system', minZoom: MIN_ZOOM, ...EDGE_PROPS } as const;
