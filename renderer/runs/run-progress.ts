// A run's progress in numbers: steps done of all, elapsed time, and an estimate of what is left from past runs.
import { TERMINAL_STEP_STATUSES, type StepRun } from '../../shared/model.js';
import type { RunStats } from '../../shared/ipc.js';

export interface RunProgress {
  done: number;
  total: number;
  elapsedMs: number;
  /** Milliseconds left by the median of past runs, null without history (or once over it). */
  remainingMs: number | null;
}

/** Every step of the run: the workflow it ran says how many, before events have named them all. */
export function stepTotal(reported: number, ran: { steps: readonly unknown[] } | null | undefined): number {
  return Math.max(reported, ran?.steps.length ?? 0);
}

export function runProgress(steps: Iterable<StepRun>, total: number, startTime: number, endTime: number | null, now: number, stats: RunStats | undefined): RunProgress {
  let done = 0;
  for (const run of steps) if (TERMINAL_STEP_STATUSES.has(run.status)) done++;
  const elapsedMs = Math.max(0, (endTime ?? now) - startTime);
  const median = stats?.medianDurationMs ?? null;
  const remainingMs = endTime !== null || median === null || median <= elapsedMs ? null : median - elapsedMs;
  return { done, total: Math.max(total, done), elapsedMs, remainingMs };
}
