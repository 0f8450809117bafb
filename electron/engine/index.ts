// The engine's public API: what `import … from 'codomyrmex-orchestrator'` gives.
export {
  OrchestrationEngine, getOrchestrationEngine, getWorkflowManager, getTaskOrchestrator, getProjectManager, getResourceManager, workingDirFor, type EngineOptions,
} from './orchestration-engine.js';
/** The contract's handlers over an engine, for embedding the app's API (and the runs bench). */
export { EngineApi, type ApiContext } from './api.js';
export {
  WorkflowManager, type StepInput, type CreateWorkflowOptions, type ExecuteWorkflowOptions, type WorkflowManagerOptions,
} from './workflows/workflow-manager.js';
export { TaskOrchestrator, resolveRunParams, type RunOptions, type ExecutionHandle } from './runs/task-orchestrator.js';
export { ResourceManager, type ResourceDeclaration } from './resources/resource-manager.js';
export { ProjectManager, type CreateProjectOptions } from './projects/project-manager.js';
export { ResourceMonitor, type MonitorSample, type RunningProcess, type StepUsage, type SystemSample } from './resources/resource-monitor.js';
export { ActionRegistry } from './actions/registry.js';
export type { ActionInfo } from '../../shared/ipc.js';
export { createBuiltinRegistry } from './actions/builtin.js';
export { defineAction, ActionFailure, type ActionDefinition, type ActionContext, type ActionResult } from './actions/action.js';
/** The guide's logging: `setupLogging({ level })`, `getLogger(name).debug/info/warning/error/critical`, `closeLogging()`. */
export { setupLogging, flushLogging, closeLogging, type SetupLoggingOptions } from './logging/setup-logging.js';
export { getLogger, type NamedLogger } from './logging/engine-log.js';
export type { LogLevel, LogThreshold } from '../../shared/engine-log.js';
export { loadWorkflowFile, saveWorkflowFile, renderWorkflow, type LoadedWorkflow } from './workflows/workflow-file.js';
export { builtinTemplates } from './projects/templates/index.js';
export type { ProjectTemplate } from './projects/templates/template.js';
export * from '../../shared/model.js';
export * from '../../shared/errors.js';
export { criticalPath } from '../../shared/performance.js';
export type { EngineEvent, ExecutionSummary } from '../../shared/events.js';
