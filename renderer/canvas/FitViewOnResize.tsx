// Keeps the whole workflow in view while the canvas opens and changes size (the step panel opens, the window is
// resized): before the first paint at each size, so the steps never show unfitted.
import { useReactFlow, useStore } from '@xyflow/react';
import { useLayoutEffect } from 'react';
import type { FitRule } from './fit-view.js';
import { useFitWorkflow } from './use-fit-workflow.js';

export function FitViewOnResize({ rule }: { rule: FitRule }): null {
  const width = useStore((state) => state.width);
  const height = useStore((state) => state.height);
  const { getNodes } = useReactFlow();
  const fit = useFitWorkflow();
  useLayoutEffect(() => {
    if (width > 0 && height > 0) fit(getNodes(), rule);
  }, [width, height, fit, getNodes, rule]);
  return null;
}
