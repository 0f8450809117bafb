// Back from a subflow, the parent's canvas opens where the user left it (pan and zoom), not fitted again.
import { useReactFlow, useStore } from '@xyflow/react';
import { useContext, useLayoutEffect, useState } from 'react';
import { AppContext } from '../app/hooks.js';

/** True when this canvas opens on a view to restore: it then holds that view rather than fitting the workflow. */
export function useRestoringView(): boolean {
  const subflows = useContext(AppContext)?.stores.subflows;
  return useState(() => subflows?.getState().viewport != null)[0];
}

export function RestoreViewport(): null {
  const subflows = useContext(AppContext)?.stores.subflows;
  const { setViewport } = useReactFlow();
  // Before React Flow's pan and zoom exist, a viewport set is lost to its own start-up.
  const ready = useStore((state) => state.panZoom !== null);
  useLayoutEffect(() => {
    if (!ready) return;
    const viewport = subflows?.getState().takeViewport();
    if (viewport != null) void setViewport(viewport);
  }, [ready, subflows, setViewport]);
  return null;
}
