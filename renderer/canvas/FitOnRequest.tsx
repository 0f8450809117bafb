// Fits the workflow in view when asked: the Fit button, F and the zoom controls within the canvas's rule (a small
// workflow with no step selected whole where its names stay drawn: askedFitReach), an auto-layout whole.
import { useEffect, useRef } from 'react';
import { useEditorStore, useGraphStore } from '../app/hooks.js';
import { askedFitReach, fitRule, type FitReach, type MinimapSize } from './fit-view.js';
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
    const asked = request.whole ? 'whole' : askedFitReach(reach, nodes.some((node) => node.selected === true));
    fit(nodes, fitRule(asked, minimap), 200);
  }, [request, nodes, reach, minimap, fit]);
  return null;
}
