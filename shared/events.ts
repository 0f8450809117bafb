// The typed stream of every state change the engine makes; the app forwards it over IPC and WebSocket.
import type { Project, ResourceAllocation, Session, StepRun, WorkflowExecution } from './model.js';

export type ExecutionSummary = Omit<WorkflowExecution, 'steps'>;

export type EngineEvent =
  | { type: 'execution.updated'; execution: ExecutionSummary }
  | { type: 'step.updated'; executionId: string; step: string; run: StepRun }
  | { type: 'step.log'; executionId: string; step: string; text: string }
  | { type: 'resource.allocated'; allocation: ResourceAllocation }
  | { type: 'resource.released'; allocation: ResourceAllocation }
  | { type: 'session.updated'; session: Session }
  | { type: 'project.updated'; project: Project }
  /** A project's workflow file was written or removed, by us or by anyone else; revision null when removed. */
  | { type: 'workflow.changed'; projectId: string; name: string; file: string; revision: string | null };

export type EngineEventType = EngineEvent['type'];
