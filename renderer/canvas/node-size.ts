// A step node's size on the canvas, shared by the layout, the nodes and fitting the view; apart from layout.ts so
// what needs only the size does not load dagre.
export const NODE_WIDTH = 220;
export const NODE_HEIGHT = 76;
/** A handle's dot (canvas.css: `.step-node .react-flow__handle`). */
export const HANDLE_SIZE = 9;
