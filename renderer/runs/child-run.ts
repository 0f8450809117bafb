// A subflow step's child run as its node shows it: the engine's live progress (StepRun.child); else the child run
// named by the step's `executionId` output once it ended, counted from that run's record when the page holds it.
import { TERMINAL_STEP_STATUSES, type ChildRunProgress, type StepRun } from '../../shared/model.js';
import { useRunStore } from '../app/hooks.js';
import type { RunRecord } from './live-run-store.js';

export interface ChildRun {
  executionId: string;
  progress: ChildRunProgress | null;
}

const childIdOf = (run: StepRun | undefined): string | null => {
  if (run?.child != null) return run.child.executionId;
  const id = run?.outputs.executionId;
  return typeof id === 'string' && id !== '' ? id : null;
};

/** n of m from a child run's own record: its steps that reached a final status, of those it reported. */
export function progressOf(record: RunRecord | undefined): ChildRunProgress | null {
  if (record?.summary == null) return null;
  let done = 0;
  for (const step of record.steps.values()) if (TERMINAL_STEP_STATUSES.has(step.status)) done++;
  return { executionId: record.executionId, workflowName: record.summary.workflowName, status: record.summary.status, done, total: record.steps.size };
}

export function useChildRun(run: StepRun | undefined): ChildRun | null {
  const executionId = childIdOf(run);
  const record = useRunStore((state) => (executionId === null || run?.child != null ? undefined : state.runs.get(executionId)));
  if (executionId === null) return null;
  return { executionId, progress: run?.child ?? progressOf(record) };
}

/** "2/3 · running" for the node, "2 of 3 steps done, running" for its title; the run's id before its progress is known. */
export function childRunText(child: ChildRun): { short: string; long: string } {
  const { progress } = child;
  if (progress === null) return { short: `run ${child.executionId.slice(0, 8)}`, long: `child run ${child.executionId}` };
  return { short: `${progress.done}/${progress.total} · ${progress.status}`, long: `${progress.done} of ${progress.total} steps done, ${progress.status} (child run ${progress.executionId})` };
}
