// How a run ends (README, "How a run ends"): its status and the one line the run view shows, from its steps' ends.
import type { WorkflowExecution } from '../../../shared/model.js';

/**
 * How a run ends (README, "How a run ends"): cancelling the run ends it `cancelled`; otherwise a failed step (one
 * without continueOnError) ends it `failed`, whatever else was cancelled; otherwise a step the user cancelled ends it
 * `cancelled`; otherwise it `completed`. The outcome says which, in one line the run view shows.
 */
export function endOf(runCancelled: boolean, failed: readonly string[], cancelled: readonly string[]): { status: WorkflowExecution['status']; outcome: string | null } {
  if (runCancelled) return { status: 'cancelled', outcome: 'Ended cancelled: the run was cancelled' };
  if (failed.length > 0) {
    const also = cancelled.length > 0 ? `; ${stepsPhrase(cancelled)} cancelled` : '';
    return { status: 'failed', outcome: `Ended failed: ${stepsPhrase(failed, false)} failed${also}` };
  }
  if (cancelled.length > 0) return { status: 'cancelled', outcome: `Ended cancelled: ${stepsPhrase(cancelled)} cancelled and no step failed` };
  return { status: 'completed', outcome: null };
}

/** `step "x" was` / `steps "x", "y" were` (or without the verb). */
function stepsPhrase(names: readonly string[], withVerb = true): string {
  const quoted = names.map((name) => `"${name}"`).join(', ');
  const one = names.length === 1;
  return `${one ? 'step' : 'steps'} ${quoted}${withVerb ? (one ? ' was' : ' were') : ''}`;
}
