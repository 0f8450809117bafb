// Which run the editor may show over a workflow: only a run of that very workflow — same project, same name — and
// none over a workflow never saved (a new one, an import, a copy), whatever ran before under its name.
import type { ExecutionSummary } from '../../shared/events.js';
import type { OpenDocument } from '../editor/graph-store.js';
import type { LiveRunStore } from './live-run-store.js';

export function isRunOf(summary: Pick<ExecutionSummary, 'projectId' | 'workflowName'>, document: Pick<OpenDocument, 'projectId' | 'name' | 'revision'>): boolean {
  return document.revision !== null && summary.projectId === document.projectId && summary.workflowName === document.name;
}

/** Stops showing the run on the canvas and in the header when it is not of the workflow being opened. */
export function forgetRunNotOf(runs: LiveRunStore, document: Pick<OpenDocument, 'projectId' | 'name' | 'revision'>): void {
  const { shownExecutionId } = runs.getState();
  if (shownExecutionId === null) return;
  const summary = runs.getState().runs.get(shownExecutionId)?.summary;
  // A run just started here has no summary yet; it is of the open workflow, which started it.
  if (summary != null && !isRunOf(summary, document)) runs.getState().show(null);
}
