// The guide's Quick Start, in TypeScript: a session, a workflow created in code, a run in the session.
import { getOrchestrationEngine } from 'codomyrmex-orchestrator';

// Get the orchestration engine
const engine = getOrchestrationEngine();

// Create a session
const session = engine.createSession('My First Session');

// Create a simple workflow: check what the project's files require, then analyse its code
engine.workflowManager.createWorkflow('my_workflow', [
  { name: 'setup', module: 'environment_setup', action: 'check_environment' },
  { name: 'analyze', module: 'static_analysis', action: 'analyze_code', dependencies: ['setup'] },
]);

// Execute the workflow
const result = await engine.executeWorkflowInSession(session.sessionId, 'my_workflow');
console.log(`Workflow result: ${result.status}`);
console.log(`checked: ${Object.keys(result.results?.setup?.tools as object).join(', ')}`);
console.log(`files analysed: ${String(result.results?.analyze?.files)}`);
await engine.close();
