// The guide's "Resource allocation issues": an allocation beyond capacity fails; check the available capacity first.
import { getOrchestrationEngine, getResourceManager, ResourceError } from 'codomyrmex-orchestrator';

const resources = getResourceManager();
resources.registerResource({ id: 'cpu_1', type: 'cpu', capacity: 100, unit: 'percent' });

// Problem: resource allocation fails
try {
  resources.allocateResource('cpu_1', 'task_1', 150.0);
} catch (error) {
  if (!(error instanceof ResourceError)) throw error;
  console.log(`Problem: ${error.message} (${error.code})`);
}

// Solution: check available capacity first
const available = resources.getAvailableCapacity('cpu_1');
if (available >= 150.0) {
  resources.allocateResource('cpu_1', 'task_1', 150.0);
} else {
  console.log(`Insufficient capacity. Available: ${available}`);
  const allocation = resources.allocateResource('cpu_1', 'task_1', available);
  console.log(`Allocated ${allocation.amount} of cpu_1 to ${allocation.taskId}; left: ${resources.getAvailableCapacity('cpu_1')}`);
  resources.releaseResource('cpu_1', 'task_1');
}
await getOrchestrationEngine().close();
