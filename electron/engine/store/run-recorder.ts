// What a run in progress tells storage as it goes: owned by the store, so storage never imports the scheduler.
import type { StepRun, WorkflowExecution } from '../../../shared/model.js';

export interface RunRecorder {
  stepChanged(executionId: string, step: string, run: StepRun): void;
  executionChanged(execution: WorkflowExecution): void;
}
