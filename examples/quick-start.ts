// The Quick Start of the upstream toolkit, in TypeScript: a session, a workflow created in code, a run.
import { getOrchestrationEngine } from 'codomyrmex-orchestrator';

const engine = getOrchestrationEngine();
const session = engine.createSession('my_session');

engine.workflowManager.createWorkflow('analysis', [
  { name: 'check', module: 'environment_setup', action: 'check_environment', parameters: { requirements: ['node>=18'] } },
  { name: 'analyze', module: 'static_analysis', action: 'analyze_code', parameters: { path: '.' }, dependencies: ['check'] },
]);

const execution = await engine.executeWorkflowInSession(session.sessionId, 'analysis', {});
console.log(execution.status, execution.steps.analyze?.outputs.files, 'files analysed');
await engine.close();
