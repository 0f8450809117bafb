// The guide's exception hierarchy: every error is an OrchestrationError with a stable code and the time it arose.
import {
  getOrchestrationEngine, getResourceManager, getWorkflowManager, NotFoundError, OrchestrationError, ResourceError, TaskError, ValidationError, WorkflowError,
} from 'codomyrmex-orchestrator';

function report(label: string, error: unknown): void {
  if (!(error instanceof OrchestrationError)) throw error;
  const kinds = [WorkflowError, TaskError, ResourceError, ValidationError, NotFoundError].filter((kind) => error instanceof kind).map((kind) => kind.name);
  console.log(`${label}: ${error.name} code=${error.code} is=${['OrchestrationError', ...kinds].join('>')} at=${error.timestamp.toISOString()}`);
}

const manager = getWorkflowManager();

// A workflow that cannot be created: createWorkflow returns false and keeps the reason.
if (!manager.createWorkflow('broken', [{ name: 'a', module: 'shell', action: 'run', parameters: {}, dependencies: ['nowhere'] }], { saveTo: false })) {
  report('createWorkflow', manager.lastError);
}

// Running a workflow nobody created.
await manager.executeWorkflow('missing').catch((error: unknown) => report('executeWorkflow', error));

// Asking a resource for more than it has.
try {
  getResourceManager().allocateResource('cpu', 'task_1', 1_000_000);
} catch (error) {
  report('allocateResource', error);
}

// A step that fails is not thrown: the execution ends failed and says why.
manager.createWorkflow('failing', [{ name: 'boom', module: 'control', action: 'fail', parameters: { message: 'on purpose' } }], { saveTo: false });
const execution = await manager.executeWorkflow('failing');
console.log(`failing step: status=${execution.status} errors=${JSON.stringify(execution.errors)}`);
await getOrchestrationEngine().close();
