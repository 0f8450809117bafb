// A workflow step as an agent writes it (the upstream's WorkflowStep fields, plus ours), and the workflow built from steps.
import { z } from 'zod';
import { ValidationError, formatProblem } from '../../../shared/errors.js';
import { RUN_WHEN, STEP_PRIORITIES, type Workflow } from '../../../shared/model.js';
import { nameSchema, parseWorkflow } from '../../../shared/workflow-schema.js';
import type { OrchestrationEngine } from '../../engine/orchestration-engine.js';
import { ToolError } from './mcp-context.js';

export const stepInput = z.object({
  name: nameSchema('step').describe('Unique in the workflow; dependencies and ${{ steps.<name>.outputs.<key> }} refer to it (letters, digits, "_", "-"; at most 64).'),
  module: z.string().min(1).describe('The action\'s module, e.g. "shell" (list_actions shows them all).'),
  action: z.string().min(1).describe('The action, e.g. "run" for shell.run.'),
  parameters: z.record(z.string(), z.unknown()).optional().describe('The action\'s parameters, e.g. { "command": "npm test" } for shell.run.'),
  dependencies: z.array(z.string()).optional().describe('Names of the steps that must finish first.'),
  timeout: z.number().positive().nullable().optional().describe('Seconds per attempt; the step\'s process tree is killed past it (null: none, as the upstream writes it).'),
  retry: z.union([z.number().int().min(0), z.object({ count: z.number().int().min(0), delay: z.number().min(0).optional(), backoff: z.number().min(1).optional() })]).optional()
    .describe('Extra attempts after a failure: a count, or { count, delay (seconds), backoff (multiplier) }.'),
  resources: z.record(z.string(), z.number().positive()).optional().describe('Resource id → amount held while the step runs, e.g. { "cpu": 2 }.'),
  runWhen: z.enum(RUN_WHEN).optional().describe('success (default): after its dependencies succeeded; always; failure: only if one failed.'),
  continueOnError: z.boolean().optional().describe('A failure of this step does not skip its dependents.'),
  priority: z.enum(STEP_PRIORITIES).optional().describe('Which ready step starts first when slots are short (upstream TaskPriority).'),
  // The upstream's WorkflowStep fields: the one schema (shared/workflow-schema.ts) reads them as aliases.
  max_retries: z.number().int().min(0).max(100).nullable().optional().describe('Upstream alias of retry\'s count: extra attempts after a failure (retry wins when both are given).'),
  retry_count: z.number().int().min(0).nullable().optional().describe('The upstream\'s run-time attempt counter: accepted and ignored.'),
}).strict();

export type StepInputArgs = z.output<typeof stepInput>;

export interface WorkflowInput {
  name: string;
  description?: string | undefined;
  steps: StepInputArgs[];
  params?: Record<string, unknown> | undefined;
  env?: Record<string, string> | undefined;
  concurrency?: number | undefined;
}

/** The workflow record a save writes: only the fields given, so the file stays as small as the agent wrote it. */
export function workflowRecord(input: WorkflowInput): Record<string, unknown> {
  return {
    version: 1,
    name: input.name,
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.concurrency !== undefined ? { concurrency: input.concurrency } : {}),
    ...(input.env !== undefined ? { env: input.env } : {}),
    ...(input.params !== undefined ? { params: input.params } : {}),
    // null is the upstream's "unset": left out, as the schema would read it.
    steps: input.steps.map((step) => Object.fromEntries(Object.entries(step).filter(([, value]) => value !== undefined && value !== null))),
  };
}

/**
 * Checks a workflow exactly as a run would (names, dependencies, cycles, actions, parameters, templates, resources)
 * and refuses it with every problem named: an agent's workflow is saved only when it can run.
 */
export function assertRunnable(engine: OrchestrationEngine, record: Record<string, unknown>, what: string): Workflow {
  let workflow: Workflow;
  try {
    workflow = parseWorkflow(record);
  } catch (error) {
    if (error instanceof ValidationError) throw new ToolError(describeProblems(what, error.problems.map(formatProblem)), error.code);
    throw error;
  }
  const problems = engine.workflowManager.validateWorkflow(workflow);
  if (problems.length > 0) throw new ToolError(describeProblems(what, problems.map(formatProblem)), 'validation-error');
  return workflow;
}

function describeProblems(what: string, lines: string[]): string {
  return lines.length === 1 ? `${what} is invalid: ${lines[0]}` : `${what} has ${lines.length} problems:\n${lines.map((line) => `  ${line}`).join('\n')}`;
}
