// Runs over MCP: execute (upstream: waits), start (returns at once), status with step outputs and log tails, cancel, history, logs.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { EXECUTION_STATUSES, RUN_ORIGINS, type StepSelection } from '../../../shared/model.js';
import { ToolError, type McpContext } from './mcp-context.js';
import { readStepLog } from './run-logs.js';
import { DEFAULT_TAIL_LINES, parentShape, runSummaryShape, summariseRun, waitForRun } from './run-summary.js';
import { defineTool, tool } from './tool-kit.js';

/** Under the 60 s an MCP client waits for a reply by default; a longer run is then followed with get_execution. */
export const DEFAULT_WAIT_SECONDS = 50;

const projectArg = z.string().min(1).optional().describe('Project id, name or folder; default: the folder `codomyrmex mcp` was started in.');
const executionIdArg = z.string().min(1).max(200).describe('The run\'s execution id (from execute_workflow, start_workflow or list_executions).');
const paramsArg = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional().describe('Values for the workflow\'s declared params (${{ params.<key> }}).');
const tailArg = z.number().int().min(0).max(10_000).optional().describe(`Lines of each step's log to include (default ${DEFAULT_TAIL_LINES}).`);
const listedShape = { executionId: z.string(), workflowName: z.string(), status: z.string(), origin: z.string(), projectId: z.string().nullable(), startTime: z.number(), endTime: z.number().nullable() };
export const waitArgs = {
  wait: z.boolean().optional().describe('Wait for the run to end (default true); false returns at once with the execution id.'),
  wait_seconds: z.number().min(0).max(3600).optional().describe(`Longest wait (default ${DEFAULT_WAIT_SECONDS}); a run still going is returned as running — follow it with get_execution.`),
};

const startInput = {
  workflow_name: z.string().min(1).max(200).describe('The workflow to run (a file in <project>/.codomyrmex/workflows/).'),
  parameters: paramsArg,
  params: paramsArg.describe('Alias of parameters.'),
  session_id: z.string().min(1).optional().describe('A session (create_session) the run belongs to.'),
  project: projectArg,
  only: z.union([z.string().min(1).max(200), z.array(z.string().min(1).max(200)).min(1)]).optional()
    .describe('Run these steps only; the steps they read get their outputs from the latest successful run of the workflow in the project (selection.sourceExecutionId says which). The others are "not-selected".'),
  from: z.string().min(1).max(200).optional().describe('Run this step and everything downstream of it.'),
  to: z.string().min(1).max(200).optional().describe('Run this step and everything it depends on.'),
  no_cache: z.boolean().optional().describe('Steps with a `cache` neither read nor write it: every step runs (default false).'),
  force: z.array(z.string().min(1).max(200)).min(1).optional().describe('Run these steps even when their result is cached, and store the new results.'),
};

type StartArgs = { workflow_name: string; parameters?: Record<string, string | number | boolean> | undefined; params?: Record<string, string | number | boolean> | undefined; session_id?: string | undefined; project?: string | undefined; only?: string | string[] | undefined; from?: string | undefined; to?: string | undefined; no_cache?: boolean | undefined; force?: string[] | undefined };

/** `only`, `from` or `to` (at most one of them) as the run's selection. */
function selectionOf(args: StartArgs): StepSelection | undefined {
  const given = (['only', 'from', 'to'] as const).filter((mode) => args[mode] !== undefined);
  if (given.length > 1) throw new ToolError(`only, from and to choose different parts of the workflow: give one of them, got ${given.join(' and ')}`);
  const mode = given[0];
  if (mode === undefined) return undefined;
  const value = args[mode]!;
  return { mode, steps: Array.isArray(value) ? value : [value] };
}

export function registerRunTools(server: McpServer, ctx: McpContext): void {
  const start = async (args: StartArgs) => {
    const project = ctx.resolveProject(args.project);
    const params = { ...args.params, ...args.parameters };
    const selection = selectionOf(args);
    const { executionId } = await ctx.call('runs.start', {
      projectId: project.id, workflowName: args.workflow_name, params, ...(args.session_id !== undefined ? { sessionId: args.session_id } : {}), ...(selection !== undefined ? { selection } : {}),
      ...(args.no_cache === true ? { noCache: true } : {}), ...(args.force !== undefined ? { force: args.force } : {}),
    });
    return executionId;
  };

  defineTool(server, 'execute_workflow', tool({
    description: `Upstream tool. Runs a workflow of the project and, by default, waits for it to end (at most wait_seconds, default ${DEFAULT_WAIT_SECONDS}); returns the run: status, success, each step's status, outputs and log tail. The run is recorded with origin "mcp" and shows in the app's history. only / from / to run part of it (refused before anything runs when a selected step reads a step no earlier successful run has).`,
    input: z.object({ ...startInput, ...waitArgs, log_lines: tailArg }).strict(),
    output: runSummaryShape,
    async run(args, signal) {
      const executionId = await start(args);
      const wait = args.wait === false ? 0 : (args.wait_seconds ?? DEFAULT_WAIT_SECONDS);
      return summariseRun(await waitForRun(ctx.engine, executionId, wait, signal), args.log_lines);
    },
  }));

  defineTool(server, 'start_workflow', tool({
    description: 'Starts a workflow of the project and returns its execution id at once; follow it with get_execution, stop it with cancel_execution.',
    input: z.object(startInput).strict(),
    output: { executionId: z.string(), workflowName: z.string(), status: z.string() },
    async run(args) {
      const executionId = await start(args);
      return { executionId, workflowName: args.workflow_name, status: ctx.engine.getExecution(executionId)?.status ?? 'pending' };
    },
  }));

  defineTool(server, 'get_execution', tool({
    description: 'A run\'s status, each step\'s status, attempts, exit code, error, outputs and the tail of its log (the whole log is the resource at logUri, or get_step_log).',
    input: z.object({ execution_id: executionIdArg, log_lines: tailArg, wait_seconds: waitArgs.wait_seconds.describe('Wait up to this long for the run to end first (default 0: answer at once).') }).strict(),
    output: runSummaryShape,
    annotations: { readOnlyHint: true },
    async run({ execution_id, log_lines, wait_seconds }, signal) {
      const execution = await ctx.call('runs.get', { executionId: execution_id });
      if (execution === null) throw new ToolError(`unknown execution "${execution_id}" (list_executions shows recent runs)`, 'not-found');
      return summariseRun(await waitForRun(ctx.engine, execution_id, wait_seconds ?? 0, signal), log_lines);
    },
  }));

  defineTool(server, 'cancel_execution', tool({
    description: 'Cancels a running run: its running steps\' process trees are killed, the run ends as cancelled. A run that already ended is left as it is (cancelled: false).',
    input: z.object({ execution_id: executionIdArg }).strict(),
    output: { executionId: z.string(), cancelled: z.boolean(), status: z.string() },
    annotations: { destructiveHint: true },
    async run({ execution_id }, signal) {
      const before = await ctx.call('runs.get', { executionId: execution_id });
      if (before === null) throw new ToolError(`unknown execution "${execution_id}" (list_executions shows recent runs)`, 'not-found');
      const { cancelled } = await ctx.call('runs.cancel', { executionId: execution_id });
      // Cancelling kills process trees; the status settles once they are gone.
      const after = cancelled ? await waitForRun(ctx.engine, execution_id, 10, signal) : before;
      return { executionId: execution_id, cancelled, status: after.status };
    },
  }));

  defineTool(server, 'list_executions', tool({
    description: 'Past and running runs, newest first (the history the app shows), without step details. A subflow\'s child run names its parent run and step (parent); parent_execution_id lists a run\'s child runs, top_level leaves child runs out.',
    input: z.object({
      workflow_name: z.string().min(1).optional(),
      status: z.enum(EXECUTION_STATUSES).optional(),
      origin: z.enum(RUN_ORIGINS).optional().describe('Who started them: app, cli, mcp or api.'),
      project: z.string().min(1).optional().describe('Only this project\'s runs (id, name or folder); default: every project.'),
      parent_execution_id: z.string().min(1).max(200).optional().describe('Only the child runs this run\'s workflow.run steps (subflows) started.'),
      top_level: z.boolean().optional().describe('Only runs that are no subflow\'s child run (default false: every run).'),
      limit: z.number().int().min(1).max(1000).optional().describe('At most this many (default 20).'),
    }).strict(),
    output: { executions: z.array(z.object({ ...listedShape, parent: parentShape })), count: z.number() },
    annotations: { readOnlyHint: true },
    async run({ workflow_name, status, origin, project, parent_execution_id, top_level, limit }) {
      if (parent_execution_id !== undefined && top_level === true) throw new ToolError('parent_execution_id lists child runs and top_level only runs without a parent: give one of them');
      const projectId = project === undefined ? undefined : ctx.resolveProject(project).id;
      const runs = await ctx.call('runs.list', {
        ...(workflow_name !== undefined ? { workflowName: workflow_name } : {}),
        ...(status !== undefined ? { status } : {}),
        ...(origin !== undefined ? { origin } : {}),
        ...(projectId !== undefined ? { projectId } : {}),
        ...(parent_execution_id !== undefined ? { parent: parent_execution_id } : top_level === true ? { parent: null } : {}),
        limit: limit ?? 20,
      });
      // The contract may not filter by origin yet; filtering again here keeps the answer right either way.
      const executions = runs.filter((run) => origin === undefined || run.origin === origin).map((run) => ({
        executionId: run.executionId, workflowName: run.workflowName, status: run.status, origin: run.origin, projectId: run.projectId, startTime: run.startTime, endTime: run.endTime,
        parent: run.parent ?? null,
      }));
      return { executions, count: executions.length };
    },
  }));

  defineTool(server, 'get_step_log', tool({
    description: 'A slice of one step\'s full log (also the resource codomyrmex://runs/{executionId}/logs/{step}); nextOffset is where the next slice starts, size how much there is.',
    input: z.object({ execution_id: executionIdArg, step: z.string().min(1), offset: z.number().int().min(0).optional(), length: z.number().int().min(1).max(4 * 1024 * 1024).optional() }).strict(),
    output: { text: z.string(), offset: z.number(), nextOffset: z.number(), size: z.number(), capped: z.boolean() },
    annotations: { readOnlyHint: true },
    run: ({ execution_id, step, offset, length }) => readStepLog(ctx, execution_id, step, offset, length),
  }));
}
