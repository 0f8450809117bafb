// The window's title follows the open workflow, with ● while it has unsaved changes.
import { selectDirty, type GraphStore } from '../stores/graph-store.js';

export const titleOf = (name: string | null, dirty: boolean): string =>
  name === null ? 'Codomyrmex Orchestrator' : `${dirty ? '● ' : ''}${name} — Codomyrmex Orchestrator`;

export function bindDocumentTitle(graph: GraphStore): () => void {
  const update = (): void => {
    const state = graph.getState();
    const title = titleOf(state.shown?.name ?? null, selectDirty(state));
    if (document.title !== title) document.title = title;
  };
  update();
  return graph.subscribe(update);
}
