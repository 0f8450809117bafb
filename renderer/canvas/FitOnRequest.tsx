// Fits the workflow in view when asked: the Fit button, F and the zoom controls within the canvas's rule, an
// auto-layout whole.
import { useEffect, useRef } from 'react';
import { useEditorStore, useGraphStore } from '../app/hooks.js';
import { fitRule, type FitReach, type MinimapSize } from './fit-view.js';
import { useFitWorkflow } from './use-fit-workflow.js';

export function FitOnRequest({ reach, minimap }: { reach: FitReach; minimap: MinimapSize | null }): null {
  const request = useEditorStore((state) => state.fitRequest);
  // The graph store's nodes, not React Flow's: after a layout they already stand where the fit must look.
  const nodes = useGraphStore((state) => state.nodes);
  // A request made before this canvas existed (for another workflow) is not this canvas's to answer.
  const seen = useRef(request.seq);
  const fit = useFitWorkflow();
  useEffect(() => {
    if (request.seq === seen.current) return;
    seen.current = request.seq;
    fit(nodes, fitRule(request.whole ? 'whole' : reach, minimap), 200);
  }, [request, nodes, reach, minimap, fit]);
  return null;
}
