// Questions views and the bench ask of the run store, in one place so they agree.
import { SUCCESSFUL_STEP_STATUSES, TERMINAL_EXECUTION_STATUSES, TERMINAL_STEP_STATUSES, type StepRun } from '../../shared/model.js';
import type { RunRecord, RunState } from './live-run-store.js';

export const selectShownRun = (state: RunState): RunRecord | undefined =>
  state.shownExecutionId === null ? undefined : state.runs.get(state.shownExecutionId);

export const selectShownStep = (step: string) => (state: RunState): StepRun | undefined => selectShownRun(state)?.steps.get(step);

/** The run is over and every step it reported has reached its final state. */
export function isRunFinished(record: RunRecord | undefined): boolean {
  if (record?.summary == null || !TERMINAL_EXECUTION_STATUSES.has(record.summary.status)) return false;
  for (const run of record.steps.values()) if (!TERMINAL_STEP_STATUSES.has(run.status)) return false;
  return true;
}

export function isRunActive(record: RunRecord | undefined): boolean {
  return record?.summary != null && !TERMINAL_EXECUTION_STATUSES.has(record.summary.status);
}

/** Steps that succeeded or were restored from the cache (SUCCESSFUL_STEP_STATUSES), and the rest. */
export function countSucceeded(record: RunRecord): { succeeded: number; other: number } {
  let succeeded = 0;
  for (const run of record.steps.values()) if (SUCCESSFUL_STEP_STATUSES.has(run.status)) succeeded++;
  return { succeeded, other: record.steps.size - succeeded };
}

/** Milliseconds from start to end, or to `now` while it runs; null before it starts. */
export function durationOf(startTime: number | null, endTime: number | null, now: number): number | null {
  if (startTime === null) return null;
  return Math.max(0, (endTime ?? now) - startTime);
}
