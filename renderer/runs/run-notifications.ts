// When the page tells the user about runs: a desktop notification when a run they started here finishes, and the
// number of running runs in the window's title.
import { TERMINAL_EXECUTION_STATUSES, type ExecutionStatus } from '../../shared/model.js';

export type Permission = 'default' | 'granted' | 'denied' | 'unsupported';

/** Ask on the first Run only while the user has not answered yet; never again after a "no". */
export const shouldAskPermission = (permission: Permission): boolean => permission === 'default';

/** Notify when a run started from this page went from not finished to finished, and notifications are allowed. */
export function shouldNotify(input: { startedHere: boolean; previous: ExecutionStatus | undefined; current: ExecutionStatus; permission: Permission; alreadyNotified: boolean }): boolean {
  if (!input.startedHere || input.alreadyNotified || input.permission !== 'granted') return false;
  if (!TERMINAL_EXECUTION_STATUSES.has(input.current)) return false;
  return input.previous === undefined || !TERMINAL_EXECUTION_STATUSES.has(input.previous);
}

export function notificationText(workflowName: string, status: ExecutionStatus, durationMs: number | null): { title: string; body: string } {
  const verb: Record<string, string> = { completed: 'succeeded', failed: 'failed', cancelled: 'was cancelled', interrupted: 'was interrupted' };
  const seconds = durationMs === null ? '' : ` in ${(durationMs / 1000).toFixed(1)} s`;
  return { title: `${workflowName} ${verb[status] ?? status}`, body: `Run of ${workflowName} ${verb[status] ?? status}${seconds}.` };
}

/** "(2) ci — Codomyrmex Orchestrator": the count leads so it shows in a narrow tab. */
export const withRunningCount = (title: string, running: number): string => (running > 0 ? `(${running}) ${title}` : title);
