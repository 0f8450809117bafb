// The canvas actions over the app's stores, for the editor's components; one set per store set.
import { useContext, useMemo } from 'react';
import { AppContext } from '../app/hooks.js';
import { createCanvasActions, type CanvasActions } from './canvas-actions.js';

export function useCanvasActions(): CanvasActions {
  const value = useContext(AppContext);
  if (value === null) throw new Error('the editor was rendered outside <AppContext.Provider>');
  const { stores } = value;
  return useMemo(() => createCanvasActions(stores), [stores]);
}
