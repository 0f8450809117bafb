// The window's title follows the open workflow, with ● while it has unsaved changes, led by the number of runs
// going — "(2) ci — Codomyrmex Orchestrator" — so a background tab or the taskbar shows work in progress.
import { withRunningCount } from '../runs/run-notifications.js';
import { selectDirty, type GraphStore } from '../editor/graph-store.js';
import { isRunActive } from '../runs/run-selectors.js';
import type { LiveRunStore } from '../runs/live-run-store.js';

export const titleOf = (name: string | null, dirty: boolean): string =>
  name === null ? 'Codomyrmex Orchestrator' : `${dirty ? '● ' : ''}${name} — Codomyrmex Orchestrator`;

export function countRunning(runs: LiveRunStore): number {
  let running = 0;
  for (const record of runs.getState().runs.values()) if (isRunActive(record)) running++;
  return running;
}

export function bindDocumentTitle(graph: GraphStore, runs: LiveRunStore): () => void {
  const update = (): void => {
    const state = graph.getState();
    const title = withRunningCount(titleOf(state.shown?.name ?? null, selectDirty(state)), countRunning(runs));
    if (document.title !== title) document.title = title;
  };
  update();
  const offGraph = graph.subscribe(update);
  const offRuns = runs.subscribe(update);
  return () => {
    offGraph();
    offRuns();
  };
}
