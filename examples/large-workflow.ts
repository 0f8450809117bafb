// The guide's memory profiling sample: a 1,000-step workflow created and run, with the memory it took.
import { getOrchestrationEngine, getWorkflowManager } from 'codomyrmex-orchestrator';

const manager = getWorkflowManager();
const heapBefore = process.memoryUsage().heapUsed;

// 1,000 steps, each depending on the one ten before it: a hundred chains of ten.
const steps = Array.from({ length: 1000 }, (_, i) => ({
  name: `step_${i}`,
  module: 'control',
  action: 'noop',
  dependencies: i >= 100 ? [`step_${i - 100}`] : [],
}));
if (!manager.createWorkflow('large_workflow', steps, { saveTo: false })) throw manager.lastError!;
const created = process.memoryUsage().heapUsed;

const execution = await manager.executeWorkflow('large_workflow');
const ran = Object.values(execution.steps).filter((step) => step.status === 'succeeded').length;
const metrics = execution.performanceMetrics!;
console.log(`${execution.status}: ${ran} of ${steps.length} steps succeeded in ${metrics.totals.wallTimeMs} ms`);
// No-op steps take about no time each: the chain that took longest may be any of them.
console.log(`critical path: ${metrics.criticalPath.steps.join(' → ')} (${metrics.criticalPath.runTimeMs} ms)`);
console.log(`heap: +${((created - heapBefore) / 1048576).toFixed(1)} MB to create, ${(process.memoryUsage().heapUsed / 1048576).toFixed(1)} MB after the run`);
await getOrchestrationEngine().close();
