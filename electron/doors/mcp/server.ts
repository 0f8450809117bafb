// The MCP server: the upstream's orchestration tools and ours, and the resources, over one engine and its contract.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { McpContext } from './mcp-context.js';
import { registerMcpResources } from './mcp-resources.js';
import { registerProjectTools } from './project-tools.js';
import { registerResourceTools } from './resource-tools.js';
import { registerRunTools } from './run-tools.js';
import { registerSystemTools } from './system-tools.js';
import { registerTaskTools } from './task-tools.js';
import { codeSdkErrors } from './tool-kit.js';
import { registerWorkflowTools } from './workflow-tools.js';

/** The tools of the upstream's mcp_tools.py, under its names, so agents configured for it keep working. */
export const UPSTREAM_TOOLS = [
  'execute_workflow', 'create_workflow', 'list_workflows', 'create_project', 'list_projects',
  'execute_task', 'get_system_status', 'get_health_status', 'allocate_resources', 'create_complex_workflow',
] as const;

const INSTRUCTIONS = `Codomyrmex Orchestrator: workflow DAGs of shell commands and actions on local projects.
Workflows are files in <project>/.codomyrmex/workflows/. Typical use: list_actions, create_workflow (steps with
name, module, action, parameters, dependencies), execute_workflow (waits) or start_workflow + get_execution
(poll), then read logs (get_step_log or the codomyrmex://runs/{executionId}/logs/{step} resource).`;

export function createMcpServer(ctx: McpContext, version: string): McpServer {
  const server = new McpServer({ name: 'codomyrmex-orchestrator', version }, { capabilities: { tools: {}, resources: {} }, instructions: INSTRUCTIONS });
  registerWorkflowTools(server, ctx);
  registerRunTools(server, ctx);
  registerTaskTools(server, ctx);
  registerProjectTools(server, ctx);
  registerResourceTools(server, ctx);
  registerSystemTools(server, ctx);
  registerMcpResources(server, ctx);
  codeSdkErrors(server);
  return server;
}
