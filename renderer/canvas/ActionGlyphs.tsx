// The catalogue's glyphs for a canvas's steps, through context: one subscription to the editor store per canvas, not
// one per step (a thousand steps would each re-run a selector at every editor change).
import { createContext, useMemo, type ReactElement, type ReactNode } from 'react';
import { useEditorStore } from '../app/hooks.js';
import { glyphIndex } from './step-icons.js';

export const ActionGlyphs = createContext<ReadonlyMap<string, string>>(new Map());

export function ActionGlyphsProvider({ children }: { children: ReactNode }): ReactElement {
  const actions = useEditorStore((state) => state.actions);
  const index = useMemo(() => glyphIndex(actions), [actions]);
  return <ActionGlyphs.Provider value={index}>{children}</ActionGlyphs.Provider>;
}
