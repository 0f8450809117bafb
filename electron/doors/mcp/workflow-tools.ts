// Workflow files over MCP: list, create (upstream), get, update, delete, validate — the editor's own code via the contract.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { formatProblem, ValidationError, type Problem } from '../../../shared/errors.js';
import type { WorkflowDocument } from '../../../shared/ipc.js';
import type { Project, Workflow } from '../../../shared/model.js';
import { emptyReferenceNotes } from '../../../shared/empty-references.js';
import { parseWorkflow } from '../../../shared/workflow-schema.js';
import { ToolError, type McpContext } from './mcp-context.js';
import { assertRunnable, stepInput, workflowRecord } from './step-input.js';
import { defineTool, tool } from './tool-kit.js';

const projectArg = z.string().min(1).optional().describe('Project id, name or folder; default: the folder `codomyrmex mcp` was started in.');
const nameArg = z.string().min(1).max(200).describe('The workflow\'s name (its file is <project>/.codomyrmex/workflows/<name>.yaml).');
const definitionArgs = {
  description: z.string().optional().describe('What the workflow is for.'),
  params: z.record(z.string(), z.unknown()).optional().describe('Declared run inputs: name → default value, or { default, description, required }.'),
  env: z.record(z.string(), z.string()).optional().describe('Environment variables for every step.'),
  concurrency: z.number().int().min(1).optional().describe('Steps running at once (default: logical cores).'),
};

const problemShape = z.object({ step: z.string().optional(), field: z.string().optional(), message: z.string() });
const projectShape = z.object({ id: z.string(), name: z.string(), path: z.string() });
const documentShape = {
  name: z.string(),
  project: projectShape,
  file: z.string(),
  format: z.string(),
  revision: z.string(),
  valid: z.boolean(),
  problems: z.array(problemShape),
  workflow: z.record(z.string(), z.unknown()).nullable(),
  text: z.string(),
  uri: z.string(),
};

export const workflowUri = (project: Project, name: string): string => `codomyrmex://workflows/${encodeURIComponent(project.id)}/${encodeURIComponent(name)}`;
const projectView = (project: Project) => ({ id: project.id, name: project.name, path: project.path });
const problemView = ({ step, field, message }: Problem) => ({ ...(step !== undefined ? { step } : {}), ...(field !== undefined ? { field } : {}), message });

function documentView(project: Project, name: string, document: WorkflowDocument) {
  return {
    name,
    project: projectView(project),
    file: document.file,
    format: document.format,
    revision: document.revision,
    valid: document.problems.length === 0,
    problems: document.problems.map(problemView),
    workflow: document.workflow as unknown as Record<string, unknown> | null,
    text: readFileSync(document.file, 'utf8'),
    uri: workflowUri(project, name),
  };
}

export function registerWorkflowTools(server: McpServer, ctx: McpContext): void {
  defineTool(server, 'list_workflows', tool({
    description: 'Upstream tool. Lists the workflow files of a project (<project>/.codomyrmex/workflows/), valid or not, each with its problems.',
    input: z.object({ project: projectArg }).strict(),
    output: { project: projectShape, workflows: z.array(z.object({ name: z.string(), description: z.string(), steps: z.number(), file: z.string(), revision: z.string(), valid: z.boolean(), problems: z.array(problemShape), uri: z.string() })), count: z.number() },
    annotations: { readOnlyHint: true },
    async run({ project: ref }) {
      const project = ctx.resolveProject(ref);
      const entries = await ctx.call('workflows.list', { projectId: project.id });
      const workflows = entries.map((entry) => ({ ...entry, valid: entry.problems.length === 0, problems: entry.problems.map(problemView), uri: workflowUri(project, entry.name) }));
      return { project: projectView(project), workflows, count: workflows.length };
    },
  }));

  defineTool(server, 'create_workflow', tool({
    description: 'Upstream tool. Creates a workflow file from steps ({name, module, action, parameters, dependencies, timeout, retry, resources, runWhen, continueOnError, priority}; the upstream fields max_retries, retry_count and a null timeout are accepted too). It is checked as a run would check it (unknown actions, bad parameters, dependency cycles…) and refused with every problem named; an existing workflow of that name is refused unless overwrite is true.',
    input: z.object({ name: nameArg, steps: z.array(stepInput).min(1), ...definitionArgs, project: projectArg, overwrite: z.boolean().optional().describe('Replace an existing workflow of that name (default false).') }).strict(),
    output: { workflow_name: z.string(), steps_count: z.number(), description: z.string(), ...documentShape },
    async run({ name, steps, description, params, env, concurrency, project: ref, overwrite }) {
      const project = ctx.resolveProject(ref);
      const record = workflowRecord({ name, steps, description, params, env, concurrency });
      assertRunnable(ctx.engine, record, `workflow "${name}"`);
      const existing = overwrite === true ? await currentRevision(ctx, project, name) : null;
      const document = await ctx.call('workflows.save', { projectId: project.id, name, workflow: record, baseRevision: existing, force: overwrite === true });
      return { workflow_name: name, steps_count: steps.length, description: description ?? '', ...documentView(project, name, document) };
    },
  }));

  defineTool(server, 'get_workflow', tool({
    description: 'A workflow file: its definition, text, revision (for update_workflow\'s base_revision) and problems.',
    input: z.object({ name: nameArg, project: projectArg }).strict(),
    output: documentShape,
    annotations: { readOnlyHint: true },
    async run({ name, project: ref }) {
      const project = ctx.resolveProject(ref);
      return documentView(project, name, await ctx.call('workflows.get', { projectId: project.id, name }));
    },
  }));

  defineTool(server, 'update_workflow', tool({
    description: 'Changes a workflow file: the fields given replace the current ones (steps replaces every step). The result must be runnable, or nothing is written. With base_revision (from get_workflow), a file changed on disk since is a conflict instead of being overwritten.',
    input: z.object({ name: nameArg, steps: z.array(stepInput).min(1).optional(), ...definitionArgs, project: projectArg, base_revision: z.string().optional().describe('The revision you read; refused if the file changed since.') }).strict(),
    output: documentShape,
    async run({ name, steps, description, params, env, concurrency, project: ref, base_revision }) {
      const project = ctx.resolveProject(ref);
      const current = await ctx.call('workflows.get', { projectId: project.id, name });
      if (current.workflow === null) throw new ToolError(`workflow "${name}" cannot be read (${current.problems.map(formatProblem).join('; ')}); replace it with create_workflow and overwrite`);
      const merged = { ...(current.workflow as unknown as Record<string, unknown>), ...workflowRecord({ name, steps: steps ?? [], description, params, env, concurrency }) };
      if (steps === undefined) merged.steps = current.workflow.steps;
      assertRunnable(ctx.engine, merged, `workflow "${name}"`);
      const document = await ctx.call('workflows.save', { projectId: project.id, name, workflow: merged, baseRevision: base_revision ?? current.revision });
      return documentView(project, name, document);
    },
  }));

  defineTool(server, 'delete_workflow', tool({
    description: 'Removes a workflow\'s file from the project. Past runs stay in the history.',
    input: z.object({ name: nameArg, project: projectArg }).strict(),
    output: { deleted: z.boolean(), name: z.string(), project: projectShape },
    annotations: { destructiveHint: true },
    async run({ name, project: ref }) {
      const project = ctx.resolveProject(ref);
      // Named first, so an unknown name gets the list of known ones rather than a bare false.
      await ctx.call('workflows.get', { projectId: project.id, name });
      const { deleted } = await ctx.call('workflows.delete', { projectId: project.id, name });
      return { deleted, name, project: projectView(project) };
    },
  }));

  defineTool(server, 'validate_workflow', tool({
    description: 'Checks a workflow as a run would, without running or writing anything: a saved one by name, or a definition given as steps (with name). Returns valid and every problem (step, field, message); a cycle names its steps. notes name the step-output references that can read empty (a step runs after one that may fail or be skipped) — not errors.',
    input: z.object({ name: nameArg.optional(), steps: z.array(stepInput).min(1).optional(), ...definitionArgs, project: projectArg }).strict(),
    output: { valid: z.boolean(), problems: z.array(problemShape), notes: z.array(problemShape) },
    annotations: { readOnlyHint: true },
    async run({ name, steps, description, params, env, concurrency, project: ref }) {
      if (steps === undefined) {
        if (name === undefined) throw new ToolError('give name (a saved workflow) or steps (a definition to check)');
        const project = ctx.resolveProject(ref);
        const document = await ctx.call('workflows.get', { projectId: project.id, name });
        return { valid: document.problems.length === 0, problems: document.problems.map(problemView), notes: notesOf(ctx, document.workflow, document.problems) };
      }
      const record = workflowRecord({ name: name ?? 'draft', steps, description, params, env, concurrency });
      const problems = checkDefinition(ctx, record);
      return { valid: problems.length === 0, problems: problems.map(problemView), notes: notesOf(ctx, problems.length === 0 ? parseWorkflow(record) : null, problems) };
    },
  }));
}

/** Only a valid workflow's references are worth a note: an invalid one's problems come first. */
function notesOf(ctx: McpContext, workflow: Workflow | null, problems: readonly Problem[]) {
  return workflow === null || problems.length > 0 ? [] : emptyReferenceNotes(workflow, ctx.engine.registry).map(problemView);
}

function checkDefinition(ctx: McpContext, record: Record<string, unknown>): Problem[] {
  try {
    return ctx.engine.workflowManager.validateWorkflow(parseWorkflow(record));
  } catch (error) {
    if (error instanceof ValidationError) return error.problems;
    throw error;
  }
}

/** The revision of an existing workflow, or null when there is none (the save then creates it). */
async function currentRevision(ctx: McpContext, project: Project, name: string): Promise<string | null> {
  const reply = await ctx.api.dispatch('workflows.get', { projectId: project.id, name });
  return reply.ok ? (reply.value as WorkflowDocument).revision : null;
}
