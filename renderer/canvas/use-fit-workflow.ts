// Fits a canvas's steps into view by a FitRule (fit-view.ts) — the one way every canvas fits, on open, on resize, on
// request and from the zoom controls.
import { useReactFlow, useStoreApi, type Node } from '@xyflow/react';
import { useCallback } from 'react';
import { fitViewport, type FitRule } from './fit-view.js';

export function useFitWorkflow(): (nodes: readonly Node[], rule: FitRule, duration?: number) => void {
  const store = useStoreApi();
  const { setViewport } = useReactFlow();
  return useCallback((nodes, rule, duration) => {
    const { width, height } = store.getState();
    // A canvas not measured yet: nothing to fit (a later resize fits it).
    if (width === 0 || height === 0) return;
    const viewport = fitViewport(nodes, { width, height }, rule);
    if (viewport !== null) void setViewport(viewport, duration === undefined ? undefined : { duration });
  }, [store, setViewport]);
}
