// The guide's logging sample ("Debug Mode"), in TypeScript: debug logging on, a named logger at every level, and a
// workflow run whose steps log their command line and environment changes at debug.
import { closeLogging, getLogger, getOrchestrationEngine, setupLogging } from 'codomyrmex-orchestrator';

// logging.basicConfig(level=logging.DEBUG): records go to $CODOMYRMEX_HOME/logs/codomyrmex.log and to stderr.
setupLogging({ level: 'DEBUG' });
const logger = getLogger('codomyrmex.project_orchestration');

logger.debug('Detailed information, for diagnosing problems');
logger.info('Confirmation that things are working as expected');
logger.warning('Something unexpected happened, or may soon');
logger.error({ code: 'WORKFLOW_ERROR' }, 'A function could not be performed');
logger.critical('The program itself may be unable to continue');

// Execute workflow with debug info.
const engine = getOrchestrationEngine();
const { sessionId } = engine.createSession('debug_session');
engine.workflowManager.createWorkflow('code_analysis_workflow', [
  { name: 'greet', module: 'shell', action: 'run', parameters: { command: 'echo "hello $GREETING"', env: { GREETING: 'ants', API_TOKEN: 'not-for-logs' } } },
]);
const execution = await engine.executeWorkflowInSession(sessionId, 'code_analysis_workflow', {});
logger.info({ status: execution.status }, 'workflow done');
await engine.close();
await closeLogging();
console.log(execution.status);
