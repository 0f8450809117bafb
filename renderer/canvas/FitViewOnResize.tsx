// Keeps the whole workflow in view when the canvas changes size (the step panel opens, the window is resized).
import { useReactFlow, useStore, type FitViewOptions } from '@xyflow/react';
import { useEffect } from 'react';

export function FitViewOnResize({ options }: { options: FitViewOptions }): null {
  const width = useStore((state) => state.width);
  const height = useStore((state) => state.height);
  const { fitView } = useReactFlow();
  useEffect(() => {
    if (width > 0 && height > 0) void fitView(options);
  }, [width, height, fitView, options]);
  return null;
}
