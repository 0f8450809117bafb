// Back from a subflow, the parent's canvas opens where the user left it (pan and zoom), not fitted again.
import type { Viewport } from '@xyflow/react';
import { useContext, useEffect, useState } from 'react';
import { AppContext } from '../app/hooks.js';

/** The view this canvas opens on when it is a parent the breadcrumb went back to; null for a fitted opening. */
export function useRestoredViewport(): Viewport | null {
  const subflows = useContext(AppContext)?.stores.subflows;
  const [viewport] = useState(() => subflows?.getState().viewport ?? null);
  // Taken once mounted: a later canvas (another workflow opened) fits as usual.
  useEffect(() => void subflows?.getState().takeViewport(), [subflows]);
  return viewport;
}
