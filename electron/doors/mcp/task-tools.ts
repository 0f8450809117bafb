// The upstream's execute_task (one action run as a one-step workflow) and create_complex_workflow (a workflow from a pattern).
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { STEP_PRIORITIES, type Workflow } from '../../../shared/model.js';
import { STEP_NAME_PATTERN } from '../../../shared/workflow-schema.js';
import { ToolError, type McpContext } from './mcp-context.js';
import { DEFAULT_WAIT_SECONDS, waitArgs } from './run-tools.js';
import { runSummaryShape, summariseRun, waitForRun } from './run-summary.js';
import { assertRunnable, stepInput, workflowRecord } from './step-input.js';
import { defineTool, tool } from './tool-kit.js';
import { applyPattern, WORKFLOW_TYPES, WORKFLOW_TYPES_HELP, type WorkflowType } from './workflow-patterns.js';
import { workflowUri } from './workflow-tools.js';

const projectArg = z.string().min(1).optional().describe('Project id, name or folder; default: the folder `codomyrmex mcp` was started in.');
const runParams = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional();

export function registerTaskTools(server: McpServer, ctx: McpContext): void {
  /** Task name → its latest run, so a later task's dependencies can name it as upstream's TaskOrchestrator does. */
  const tasks = new Map<string, string>();

  defineTool(server, 'execute_task', tool({
    description: `Upstream tool. Runs one action (e.g. module "shell", action "run", parameters {command}) as a one-step workflow in the project's folder and, by default, waits for it (at most wait_seconds, default ${DEFAULT_WAIT_SECONDS}). Returns success, exitCode, stdout, outputs and the run. dependencies names earlier tasks of this server that must have succeeded. Recorded in the history with origin "mcp".`,
    input: z.object({
      name: z.string().min(1).max(200).optional().describe('The task\'s name (default "<module>.<action>"); it names the run in the history.'),
      module: z.string().min(1),
      action: z.string().min(1),
      parameters: z.record(z.string(), z.unknown()).optional().describe('The action\'s parameters (list_actions shows their schemas).'),
      priority: z.enum(STEP_PRIORITIES).optional(),
      dependencies: z.array(z.string().min(1)).optional().describe('Names of tasks run earlier by execute_task that must have succeeded.'),
      timeout: z.number().positive().optional().describe('Seconds; the action\'s process tree is killed past it.'),
      retry: stepInput.shape.retry,
      resources: stepInput.shape.resources,
      session_id: z.string().min(1).optional(),
      project: projectArg,
      ...waitArgs,
      log_lines: z.number().int().min(0).max(10_000).optional(),
    }).strict(),
    output: { task_name: z.string(), module: z.string(), action: z.string(), success: z.boolean(), exitCode: z.number().nullable(), stdout: z.string(), outputs: z.record(z.string(), z.unknown()), error: z.string().nullable(), execution: z.object(runSummaryShape) },
    async run(args, signal) {
      const project = ctx.resolveProject(args.project);
      const taskName = args.name ?? `${args.module}.${args.action}`;
      for (const dependency of args.dependencies ?? []) requireSucceeded(ctx, tasks, dependency);
      const stepName = STEP_NAME_PATTERN.test(taskName) ? taskName : taskName.replace(/[^A-Za-z0-9_-]/g, '_').replace(/^-/, '_');
      const step = { name: stepName, module: args.module, action: args.action, parameters: args.parameters ?? {}, timeout: args.timeout, retry: args.retry, resources: args.resources, priority: args.priority };
      const workflow: Workflow = assertRunnable(ctx.engine, workflowRecord({ name: taskName, steps: [step] }), `task "${taskName}"`);
      if (args.session_id !== undefined && ctx.engine.getSession(args.session_id) === null) throw new ToolError(`session_id: unknown session "${args.session_id}" (list_sessions shows them)`, 'not-found');
      // No contract command runs a workflow that has no file; the engine runs it directly, recorded like any other run.
      const handle = ctx.engine.runWorkflow(workflow, { cwd: project.path, origin: 'mcp', projectId: project.id, sessionId: args.session_id ?? null });
      tasks.set(taskName, handle.executionId);
      const wait = args.wait === false ? 0 : (args.wait_seconds ?? DEFAULT_WAIT_SECONDS);
      const execution = summariseRun(await waitForRun(ctx.engine, handle.executionId, wait, signal), args.log_lines);
      const run = execution.steps[stepName]!;
      return {
        task_name: taskName, module: args.module, action: args.action, success: execution.success,
        exitCode: run.exitCode, stdout: typeof run.outputs.stdout === 'string' ? run.outputs.stdout : run.logTail, outputs: run.outputs, error: run.error, execution,
      };
    },
  }));

  defineTool(server, 'create_complex_workflow', tool({
    description: `Upstream tool. Builds a workflow from a pattern, saves it in the project and (execute, default true, as upstream) runs it. Steps come in workflow_definition.steps (upstream) or steps. workflow_type: ${WORKFLOW_TYPES_HELP} The result is checked as a run would check it; a cycle or an unknown action is refused, naming it.`,
    input: z.object({
      name: z.string().min(1).max(200),
      workflow_definition: z.object({
        steps: z.array(stepInput).min(1),
        dependencies: z.record(z.string(), z.array(z.string())).optional().describe('Step name → names of the steps it waits for.'),
      }).strict().optional(),
      steps: z.array(stepInput).min(1).optional().describe('The steps, when workflow_definition is not given.'),
      workflow_type: z.enum(WORKFLOW_TYPES).optional(),
      template: z.enum(WORKFLOW_TYPES).optional().describe('Alias of workflow_type.'),
      pattern: z.enum(WORKFLOW_TYPES).optional().describe('Alias of workflow_type.'),
      description: z.string().optional(),
      parameters: runParams.describe('Params for the run.'),
      execute: z.boolean().optional().describe('Run it once saved (default true).'),
      overwrite: z.boolean().optional().describe('Replace an existing workflow of that name (default false).'),
      project: projectArg,
      ...waitArgs,
    }).strict(),
    output: { workflow_name: z.string(), workflow_type: z.string(), steps_count: z.number(), dependencies: z.record(z.string(), z.array(z.string())), file: z.string(), uri: z.string(), execution_result: z.object(runSummaryShape).nullable() },
    async run(args, signal) {
      const project = ctx.resolveProject(args.project);
      const given = args.workflow_definition?.steps ?? args.steps;
      if (given === undefined) throw new ToolError('workflow_definition.steps: give the steps (or steps at the top level)');
      const type: WorkflowType = args.workflow_type ?? args.template ?? args.pattern ?? 'dag';
      const steps = applyPattern(type, given, args.workflow_definition?.dependencies);
      const record = workflowRecord({ name: args.name, description: args.description, steps });
      assertRunnable(ctx.engine, record, `workflow "${args.name}"`);
      const previous = args.overwrite === true ? await ctx.api.dispatch('workflows.get', { projectId: project.id, name: args.name }) : null;
      const baseRevision = previous?.ok ? (previous.value as { revision: string }).revision : null;
      const document = await ctx.call('workflows.save', { projectId: project.id, name: args.name, workflow: record, baseRevision, force: args.overwrite === true });
      let execution = null;
      if (args.execute !== false) {
        const { executionId } = await ctx.call('runs.start', { projectId: project.id, workflowName: args.name, params: args.parameters ?? {} });
        execution = summariseRun(await waitForRun(ctx.engine, executionId, args.wait === false ? 0 : (args.wait_seconds ?? DEFAULT_WAIT_SECONDS), signal));
      }
      return {
        workflow_name: args.name, workflow_type: type, steps_count: steps.length,
        dependencies: Object.fromEntries(steps.map((step) => [step.name, step.dependencies ?? []])),
        file: document.file, uri: workflowUri(project, args.name), execution_result: execution,
      };
    },
  }));
}

function requireSucceeded(ctx: McpContext, tasks: Map<string, string>, dependency: string): void {
  const executionId = tasks.get(dependency);
  if (executionId === undefined) throw new ToolError(`dependencies: no task named "${dependency}" was run by this server (ran: ${[...tasks.keys()].join(', ') || 'none'})`);
  const status = ctx.engine.getExecution(executionId)?.status;
  if (status !== 'completed') throw new ToolError(`dependencies: task "${dependency}" has not succeeded (its run ${executionId} is ${status ?? 'gone'})`);
}
