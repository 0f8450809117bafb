// A step node's size on the canvas, shared by the layout, the nodes and fitting the view; apart from layout.ts so
// what needs only the size does not load dagre.
export const NODE_WIDTH = 220;
export const NODE_HEIGHT = 76;
