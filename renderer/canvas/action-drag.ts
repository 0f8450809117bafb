// The HTML5 drag payload from the palette to the canvas: which action to add.
export const ACTION_DRAG_TYPE = 'application/x-codomyrmex-action';

export interface DraggedAction {
  module: string;
  action: string;
}

export function readDraggedAction(data: DataTransfer): DraggedAction | null {
  const text = data.getData(ACTION_DRAG_TYPE);
  if (text === '') return null;
  try {
    const parsed = JSON.parse(text) as Partial<DraggedAction>;
    return typeof parsed.module === 'string' && typeof parsed.action === 'string' ? { module: parsed.module, action: parsed.action } : null;
  } catch {
    return null;
  }
}
