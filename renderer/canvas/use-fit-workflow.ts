// Fits a canvas's steps into view by a FitRule (fit-view.ts) — the one way every canvas fits, on open, on resize, on
// request and from the zoom controls.
import { useReactFlow, useStoreApi, type Node } from '@xyflow/react';
import { useCallback } from 'react';
import { nodesBounds, viewportFor, type FitRule } from './fit-view.js';

export function useFitWorkflow(): (nodes: readonly Node[], rule: FitRule, duration?: number) => void {
  const store = useStoreApi();
  const { setViewport } = useReactFlow();
  return useCallback((nodes, rule, duration) => {
    const bounds = nodesBounds(nodes);
    const { width, height } = store.getState();
    // No step, or a canvas not measured yet: nothing to fit (a later resize fits it).
    if (bounds === null || width === 0 || height === 0) return;
    // Where the whole graph does not fit, the selected steps stay in view (the step the inspector just opened for).
    const focus = nodesBounds(nodes.filter((node) => node.selected === true));
    void setViewport(viewportFor(bounds, { width, height }, rule, focus), duration === undefined ? undefined : { duration });
  }, [store, setViewport]);
}
