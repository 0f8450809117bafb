// Resources over MCP: list them, their available capacity, allocate (upstream: allocate_resources) and release.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { ResourceManager } from '../../engine/resources/resource-manager.js';
import { ToolError, type McpContext } from './mcp-context.js';
import { defineTool, tool } from './tool-kit.js';

const holderArgs = {
  user_id: z.string().min(1).max(200).optional().describe('Who holds the allocation (upstream\'s name).'),
  task_id: z.string().min(1).max(200).optional().describe('Alias of user_id.'),
};
const requirement = z.union([z.number(), z.record(z.string(), z.unknown())]);
const allocationShape = z.object({ resourceId: z.string(), amount: z.number(), unit: z.string() });

export function registerResourceTools(server: McpServer, ctx: McpContext): void {
  const resources = ctx.engine.resourceManager;

  defineTool(server, 'allocate_resources', tool({
    description: 'Upstream tool. Allocates resources to a holder, all or nothing: requirements maps a resource id (list_resources: cpu, memory, and any declared) to an amount in its unit — a number, {"amount": n}, or an object with one number such as {"cores": 2}. Held until release_resources (or the server stops); steps needing the same resource wait meanwhile. Asking for more than is free is refused, naming the resource.',
    input: z.object({ ...holderArgs, requirements: z.record(z.string(), requirement).describe('Resource id → amount.') }).strict(),
    output: { allocated: z.boolean(), user_id: z.string(), allocations: z.array(allocationShape), available: z.record(z.string(), z.number()) },
    run({ user_id, task_id, requirements }) {
      const holder = requireHolder(user_id, task_id);
      const wanted = Object.entries(requirements).map(([resourceId, value]) => ({ resourceId, amount: amountOf(resourceId, value) }));
      if (wanted.length === 0) throw new ToolError('requirements: name at least one resource, e.g. { "cpu": 1 }');
      for (const { resourceId, amount } of wanted) checkFits(resources, holder, resourceId, amount);
      const allocations = wanted.map(({ resourceId, amount }) => {
        resources.allocateResource(resourceId, holder, amount);
        return { resourceId, amount, unit: resources.getResource(resourceId)!.unit };
      });
      return { allocated: true, user_id: holder, allocations, available: availability(resources) };
    },
  }));

  defineTool(server, 'release_resources', tool({
    description: 'Releases what allocate_resources gave a holder: every resource, or only those named.',
    input: z.object({ ...holderArgs, resources: z.array(z.string().min(1)).optional().describe('Resource ids to release (default: all the holder has).') }).strict(),
    output: { user_id: z.string(), released: z.array(allocationShape), available: z.record(z.string(), z.number()) },
    run({ user_id, task_id, resources: only }) {
      const holder = requireHolder(user_id, task_id);
      const held = resources.getAllocations().filter((a) => a.taskId === holder && (only === undefined || only.includes(a.resourceId)));
      if (held.length === 0) throw new ToolError(`user_id: "${holder}" holds no ${only === undefined ? 'allocations' : `allocation of ${only.join(', ')}`}`);
      for (const allocation of held) resources.releaseResource(allocation.resourceId, holder);
      const released = held.map((a) => ({ resourceId: a.resourceId, amount: a.amount, unit: resources.getResource(a.resourceId)?.unit ?? '' }));
      return { user_id: holder, released, available: availability(resources) };
    },
  }));

  defineTool(server, 'list_resources', tool({
    description: 'Every resource (built-in cpu and memory, and declared ones) with its capacity, what is available now and who holds the rest.',
    input: z.object({}).strict(),
    output: {
      resources: z.array(z.object({
        id: z.string(), type: z.string(), capacity: z.number(), unit: z.string(), builtin: z.boolean(), available: z.number(),
        allocations: z.array(z.object({ taskId: z.string(), amount: z.number(), allocatedAt: z.number() })),
      })),
    },
    annotations: { readOnlyHint: true },
    async run() {
      const list = await ctx.call('resources.list', {});
      return { resources: list.map((r) => ({ ...r, allocations: r.allocations.map(({ taskId, amount, allocatedAt }) => ({ taskId, amount, allocatedAt })) })) };
    },
  }));

  defineTool(server, 'get_available_capacity', tool({
    description: 'How much of one resource is free now (the upstream ResourceManager\'s getAvailableCapacity).',
    input: z.object({ resource_id: z.string().min(1) }).strict(),
    output: { resourceId: z.string(), capacity: z.number(), available: z.number(), allocated: z.number(), unit: z.string() },
    annotations: { readOnlyHint: true },
    run({ resource_id }) {
      const resource = requireResource(resources, resource_id, 'resource_id');
      const available = resources.getAvailableCapacity(resource_id);
      return { resourceId: resource.id, capacity: resource.capacity, available, allocated: resource.capacity - available, unit: resource.unit };
    },
  }));
}

function requireHolder(userId: string | undefined, taskId: string | undefined): string {
  const holder = userId ?? taskId;
  if (holder === undefined) throw new ToolError('user_id: is required (or task_id): who holds the allocation');
  return holder;
}

/** A number, {amount}, or the upstream's one-entry objects such as {"cores": 2}. */
function amountOf(resourceId: string, value: number | Record<string, unknown>): number {
  if (typeof value === 'number') return value;
  if (typeof value.amount === 'number') return value.amount;
  const numbers = Object.values(value).filter((v): v is number => typeof v === 'number');
  if (numbers.length === 1) return numbers[0]!;
  throw new ToolError(`requirements.${resourceId}: give an amount — a number, {"amount": n} or an object with one number — got ${JSON.stringify(value)}`);
}

function requireResource(resources: ResourceManager, id: string, field: string) {
  const resource = resources.getResource(id);
  if (resource === undefined) throw new ToolError(`${field}: unknown resource "${id}" (known: ${resources.listResources().map((r) => r.id).join(', ')})`);
  return resource;
}

/** Checked for every resource before any is taken, so a refusal leaves nothing half-allocated. */
function checkFits(resources: ResourceManager, holder: string, resourceId: string, amount: number): void {
  const resource = requireResource(resources, resourceId, `requirements.${resourceId}`);
  const field = `requirements.${resourceId}`;
  if (!(amount > 0) || !Number.isFinite(amount)) throw new ToolError(`${field}: the amount must be a positive number, got ${amount}`);
  if (resources.getAllocations(resourceId).some((a) => a.taskId === holder)) throw new ToolError(`${field}: "${holder}" already holds ${resourceId}; release it first`);
  const available = resources.getAvailableCapacity(resourceId);
  if (amount > available) throw new ToolError(`${field}: asks for ${amount} ${resource.unit} but only ${available} of ${resource.capacity} are available`);
}

function availability(resources: ResourceManager): Record<string, number> {
  return Object.fromEntries(resources.listResources().map((r) => [r.id, resources.getAvailableCapacity(r.id)]));
}
