// Whether the editor's canvas holds its view as it resizes. Until the user places a step (drop, paste, add, drag,
// layout) or pans and zooms, the canvas refits as the inspector opens and closes, keeping the workflow in view; after,
// what they placed stays where they put it on screen — a drop must not shift when the inspector then opens.
import type { OnMoveStart } from '@xyflow/react';
import { useCallback, useContext, useEffect, useState } from 'react';
import { AppContext } from '../app/hooks.js';
import { placedSteps } from '../editor/placed-steps.js';

export function useViewHold(initiallyHeld = false): { held: boolean; hold: () => void; onMoveStart: OnMoveStart } {
  const graph = useContext(AppContext)?.stores.graph;
  const [held, setHeld] = useState(initiallyHeld);
  useEffect(() => {
    if (held || graph === undefined) return undefined;
    return graph.subscribe((state, previous) => {
      if (placedSteps(previous.workflow, state.workflow)) setHeld(true);
    });
  }, [graph, held]);
  // React Flow gives an event only for the user's own pans and zooms, none for a fit.
  const onMoveStart = useCallback<OnMoveStart>((event) => {
    if (event !== null) setHeld(true);
  }, []);
  const hold = useCallback(() => setHeld(true), []);
  return { held, hold, onMoveStart };
}
