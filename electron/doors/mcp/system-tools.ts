// The engine's health and load (upstream: get_system_status, get_health_status) and the actions steps can use.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { availableParallelism, freemem, loadavg, totalmem } from 'node:os';
import { z } from 'zod';
import type { McpContext } from './mcp-context.js';
import { defineTool, tool } from './tool-kit.js';

const healthShape = {
  status: z.string(),
  uptimeSeconds: z.number(),
  activeExecutions: z.number(),
  database: z.string(),
  home: z.string(),
  actions: z.number(),
};
const workerShape = z.object({
  id: z.string(), host: z.string(), pool: z.string(), slots: z.number(),
  running: z.array(z.object({ executionId: z.string(), step: z.string() })),
  lastHeartbeat: z.number(), resources: z.record(z.string(), z.number()),
});
const queueShape = z.object({ url: z.string().nullable(), connected: z.boolean(), problem: z.string().nullable() });
const loadShape = z.object({ loadAverage: z.array(z.number()), cores: z.number(), memory: z.object({ totalMB: z.number(), freeMB: z.number() }) });

function currentLoad() {
  return { loadAverage: loadavg(), cores: availableParallelism(), memory: { totalMB: Math.round(totalmem() / 1048576), freeMB: Math.round(freemem() / 1048576) } };
}

export function registerSystemTools(server: McpServer, ctx: McpContext): void {
  defineTool(server, 'get_system_status', tool({
    description: 'Upstream tool. The whole picture: health, machine load and memory, every resource with its available capacity and allocations, running executions, active sessions and projects, the queue (its Redis URL, password hidden) and its connected workers (pool, slots, running steps, last heartbeat).',
    input: z.object({}).strict(),
    output: {
      ...healthShape,
      load: z.array(z.number()),
      memory: z.object({ totalMB: z.number(), freeMB: z.number() }),
      resources: z.array(z.object({ id: z.string(), capacity: z.number(), available: z.number(), unit: z.string() }).loose()),
      activeExecutionIds: z.array(z.string()),
      sessions: z.number(),
      projects: z.number(),
      project: z.object({ id: z.string(), name: z.string(), path: z.string() }),
      queue: queueShape,
      workers: z.array(workerShape),
    },
    annotations: { readOnlyHint: true },
    run() {
      const status = ctx.engine.getSystemStatus();
      const { queue, workers } = ctx.engine.queue.workersStatus();
      return { ...status, project: { id: ctx.project.id, name: ctx.project.name, path: ctx.project.path }, queue, workers };
    },
  }));

  defineTool(server, 'get_health_status', tool({
    description: 'Upstream tool. Whether the engine is healthy (its database answers), how long it has run, how many runs are active, and the machine\'s current load.',
    input: z.object({}).strict(),
    output: { ...healthShape, healthy: z.boolean(), load: loadShape },
    annotations: { readOnlyHint: true },
    run() {
      const health = ctx.engine.getHealthStatus();
      return { ...health, healthy: health.status === 'healthy', load: currentLoad() };
    },
  }));

  defineTool(server, 'list_actions', tool({
    description: 'The module/action pairs a step or execute_task can use, each with its description, outputs and parameter JSON Schema.',
    input: z.object({ module: z.string().min(1).optional().describe('Only this module\'s actions.') }).strict(),
    output: { actions: z.array(z.object({ module: z.string(), action: z.string(), description: z.string(), outputs: z.array(z.string()), paramsSchema: z.unknown() })), count: z.number() },
    annotations: { readOnlyHint: true },
    async run({ module }) {
      const all = await ctx.call('actions.list', {});
      const actions = all.filter((a) => module === undefined || a.module === module)
        .map((a) => ({ module: a.module, action: a.action, description: a.description, outputs: [...a.outputs], paramsSchema: a.paramsSchema }));
      return { actions, count: actions.length };
    },
  }));
}
