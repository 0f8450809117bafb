// The typed stream of every state change the engine makes; the app forwards it over IPC and WebSocket.
import type { Project, Resource, ResourceAllocation, Session, StepRun, WorkerInfo, WorkflowExecution } from './model.js';
import type { MonitorSample } from './monitor.js';

export type ExecutionSummary = Omit<WorkflowExecution, 'steps' | 'results' | 'performanceMetrics'>;

/** A run without its per-step parts (steps, results, metrics): what every execution.updated event carries. */
export function executionSummary(execution: WorkflowExecution): ExecutionSummary {
  const { steps: _steps, results: _results, performanceMetrics: _metrics, ...summary } = execution;
  return { ...summary, errors: [...summary.errors] };
}

/**
 * Something the user must know that no request asked about: the run database was unreadable and moved aside, records
 * cannot be saved (a full disk) or are saved again, the settings file is broken. Also printed on the CLI's stderr.
 */
export interface EngineNotice {
  id: string;
  level: 'info' | 'warning' | 'error';
  message: string;
  time: number;
}

export type EngineEvent =
  | { type: 'execution.updated'; execution: ExecutionSummary }
  | { type: 'step.updated'; executionId: string; step: string; run: StepRun }
  /**
   * New output of a running step. `offset`: how many bytes the step had written before `text` (its place in the log
   * file while the log is under its cap on disk). `skipped`: bytes just before `text` not shown live, to keep pushes
   * small; then `text` starts with a marker line saying so ("… N bytes not shown live — the full log is on disk").
   */
  | { type: 'step.log'; executionId: string; step: string; text: string; offset?: number; skipped?: number }
  | { type: 'resource.allocated'; allocation: ResourceAllocation }
  | { type: 'resource.released'; allocation: ResourceAllocation }
  | { type: 'session.updated'; session: Session }
  | { type: 'project.updated'; project: Project }
  /** A resource was declared, changed or (resource null) removed. */
  | { type: 'resource.changed'; id: string; resource: Resource | null }
  /** The resource monitor's sample of the machine and of every running step, once a second while a door listens. */
  | { type: 'resource.sample'; sample: MonitorSample }
  /** A project's workflow file was written or removed, by us or by anyone else; revision null when removed. */
  | { type: 'workflow.changed'; projectId: string; name: string; file: string; revision: string | null }
  /** The workers whose heartbeat is fresh, when one came, left or changed what it runs (while the queue is on). */
  | { type: 'workers.updated'; workers: WorkerInfo[] }
  /** A new notice for the user (see EngineNotice); `resolves` names an earlier one it ends (records saved again). */
  | { type: 'notice'; notice: EngineNotice; resolves?: string };

export type EngineEventType = EngineEvent['type'];

/** The line in front of a step.log text when `skipped` bytes before it are not shown live. */
export const liveLogMarker = (skipped: number): string => `… ${skipped} bytes not shown live — the full log is on disk\n`;
