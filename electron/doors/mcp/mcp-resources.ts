// MCP resources an agent can read: every project's workflow files, runs as JSON, and each step's full log.
import { ResourceTemplate, type McpServer, type ReadResourceTemplateCallback } from '@modelcontextprotocol/sdk/server/mcp.js';
import { McpError, type ReadResourceResult, type Resource } from '@modelcontextprotocol/sdk/types.js';
import { readFileSync } from 'node:fs';
import { ToolError, type McpContext } from './mcp-context.js';
import { readStepLog } from './run-logs.js';
import { logUri, summariseRun } from './run-summary.js';
import { workflowUri } from './workflow-tools.js';

/** How many recent runs the resource lists offer; older ones are still read by their URI. */
const LISTED_RUNS = 20;
/** The most of a log one read returns (the contract's own cap); get_step_log reads past it in slices. */
const MAX_LOG_READ = 4 * 1024 * 1024;

/** Template variables arrive as they are in the URI: percent-encoded names must be decoded. */
function variable(value: string | string[] | undefined, name: string): string {
  const text = Array.isArray(value) ? value.join(',') : value;
  if (text === undefined || text === '') throw new ToolError(`the resource URI has no ${name}`);
  return decodeURIComponent(text);
}

/** MCP's code for a resource that does not exist (the spec's -32002; the SDK has no name for it). */
export const RESOURCE_NOT_FOUND = -32002;

/** A read whose subject does not exist (unknown run, step, project or workflow) is answered as not found, not as a crash. */
function readOrNotFound(read: ReadResourceTemplateCallback): ReadResourceTemplateCallback {
  return async (uri, variables, extra) => {
    try {
      return await read(uri, variables, extra);
    } catch (error) {
      if (error instanceof ToolError && error.code === 'not-found') throw new McpError(RESOURCE_NOT_FOUND, `Resource not found: ${error.message}`, { uri: uri.href });
      throw error;
    }
  };
}

export function registerMcpResources(server: McpServer, ctx: McpContext): void {
  server.registerResource(
    'workflow-file',
    new ResourceTemplate('codomyrmex://workflows/{project}/{name}', { list: () => listWorkflows(ctx) }),
    { description: 'A project\'s workflow file (<project>/.codomyrmex/workflows/<name>.yaml), as on disk. {project} is the project\'s id.' },
    readOrNotFound(async (uri, variables): Promise<ReadResourceResult> => {
      const project = ctx.resolveProject(variable(variables.project, 'project'));
      const document = await ctx.call('workflows.get', { projectId: project.id, name: variable(variables.name, 'workflow name') });
      return { contents: [{ uri: uri.href, mimeType: document.format === 'json' ? 'application/json' : 'application/yaml', text: readFileSync(document.file, 'utf8') }] };
    }),
  );

  server.registerResource(
    'run',
    new ResourceTemplate('codomyrmex://runs/{executionId}', { list: async () => ({ resources: (await recentRuns(ctx)).map((run) => ({ uri: `codomyrmex://runs/${encodeURIComponent(run.executionId)}`, name: `${run.workflowName} ${run.executionId} (${run.status})`, mimeType: 'application/json' })) }) }),
    { description: 'A run as JSON: status, each step\'s status, outputs and log tail (as get_execution returns it).', mimeType: 'application/json' },
    readOrNotFound(async (uri, variables): Promise<ReadResourceResult> => {
      const executionId = variable(variables.executionId, 'execution id');
      const execution = await ctx.call('runs.get', { executionId });
      if (execution === null) throw new ToolError(`unknown execution "${executionId}"`, 'not-found');
      return { contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(summariseRun(execution), null, 2) }] };
    }),
  );

  server.registerResource(
    'step-log',
    new ResourceTemplate('codomyrmex://runs/{executionId}/logs/{step}', { list: () => listLogs(ctx) }),
    { description: 'A step\'s full log (stdout and stderr as written, retries marked), up to 4 MB; larger logs are read in slices with get_step_log.', mimeType: 'text/plain' },
    readOrNotFound(async (uri, variables): Promise<ReadResourceResult> => {
      const slice = await readStepLog(ctx, variable(variables.executionId, 'execution id'), variable(variables.step, 'step'), 0, MAX_LOG_READ);
      return { contents: [{ uri: uri.href, mimeType: 'text/plain', text: slice.text }] };
    }),
  );
}

async function listWorkflows(ctx: McpContext): Promise<{ resources: Resource[] }> {
  const resources: Resource[] = [];
  for (const project of await ctx.call('projects.list', {})) {
    const reply = await ctx.api.dispatch('workflows.list', { projectId: project.id });
    // A project whose folder went away lists nothing rather than failing the whole list.
    if (!reply.ok) continue;
    for (const entry of reply.value as { name: string; description: string; file: string }[]) {
      resources.push({ uri: workflowUri(project, entry.name), name: `${project.name}/${entry.name}`, description: entry.description || entry.file, mimeType: entry.file.endsWith('.json') ? 'application/json' : 'application/yaml' });
    }
  }
  return { resources };
}

async function recentRuns(ctx: McpContext) {
  return ctx.call('runs.list', { limit: LISTED_RUNS });
}

async function listLogs(ctx: McpContext): Promise<{ resources: Resource[] }> {
  const resources: Resource[] = [];
  for (const summary of await recentRuns(ctx)) {
    const run = await ctx.call('runs.get', { executionId: summary.executionId });
    for (const [step, stepRun] of Object.entries(run?.steps ?? {})) {
      if (stepRun.logPath === null && stepRun.logTail === '') continue;
      resources.push({ uri: logUri(summary.executionId, step), name: `${summary.workflowName} ${summary.executionId.slice(0, 8)} ${step}`, mimeType: 'text/plain' });
    }
  }
  return { resources };
}
