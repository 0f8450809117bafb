// Builders for the renderer's unit tests: step runs, execution records and a scriptable fake of the typed client.
import type { ExecutionSummary } from '../../../shared/events.js';
import type { Command, EventBatch, OrchestratorApi, RequestOf, ResponseOf } from '../../../shared/ipc.js';
import type { StepRun, StepStatus, WorkflowExecution } from '../../../shared/model.js';

export function stepRun(status: StepStatus, fields: Partial<StepRun> = {}): StepRun {
  const started = status === 'pending' || status === 'queued' ? null : 1_000;
  const ended = ['succeeded', 'failed', 'skipped', 'cancelled', 'cached'].includes(status) ? 2_000 : null;
  return { status, attempts: started === null ? 0 : 1, startTime: started, endTime: ended, exitCode: null, error: null, outputs: {}, reason: null, logPath: null, logTail: '', ...fields };
}

export function summary(executionId: string, fields: Partial<ExecutionSummary> = {}): ExecutionSummary {
  return {
    executionId, workflowName: 'diamond', workflowFile: null, sessionId: null, projectId: 'p1', status: 'running', origin: 'app',
    startTime: 1_000, endTime: null, params: {}, errors: [], ...fields,
  };
}

export function execution(executionId: string, steps: Record<string, StepRun>, fields: Partial<ExecutionSummary> = {}): WorkflowExecution {
  return { ...summary(executionId, fields), steps };
}

type Handler = (request: never) => unknown;

/** A client whose commands answer from `handlers` (a thrown error is a rejection), with events pushed by `emit`. */
export class FakeApi implements OrchestratorApi {
  readonly calls: { command: string; request: unknown }[] = [];
  private readonly listeners = new Set<(batch: EventBatch) => void>();

  constructor(private readonly handlers: Partial<Record<Command, Handler>>) {}

  async invoke<C extends Command>(command: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
    this.calls.push({ command, request });
    const handler = this.handlers[command];
    if (handler === undefined) throw new Error(`unexpected command ${command}`);
    return (await handler(request as never)) as ResponseOf<C>;
  }

  onEvents(listener: (batch: EventBatch) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(batch: EventBatch): void {
    for (const listener of this.listeners) listener(batch);
  }
}
