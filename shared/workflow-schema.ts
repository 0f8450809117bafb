// The workflow file's structure (DESIGN.md §3) as a zod schema, and its parser into a normalised Workflow.
import { z } from 'zod';
import { ValidationError, type Problem } from './errors.js';
import { RUN_WHEN, STEP_PRIORITIES, type Workflow } from './model.js';
import { nameProblem, STEP_NAME_PATTERN, type NameKind } from './names.js';
import { shapeProblem } from './workflow-limits.js';
import { POOL_PATTERN, POOL_RULE } from './workers.js';

export { STEP_NAME_PATTERN };

/** A name of this kind, held to its rule in shared/names.ts: the one check every door goes through. */
export const nameSchema = (kind: NameKind) =>
  z.string().superRefine((name, context) => {
    const problem = nameProblem(kind, name);
    if (problem !== null) context.addIssue({ code: 'custom', message: `the ${kind} name ${problem}` });
  });

/** A step's `cache` (issue 18): globs relative to its working directory (`!` excludes), and env names that enter the key. */
const globList = z.array(z.string().min(1, 'an empty glob matches nothing')).default([]);
export const cacheSchema = z.strictObject({ inputs: globList, outputs: globList, env: z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'not an environment variable name (letters, digits and _, not starting with a digit)')).default([]) });

/** A step's `cache` that is neither settings nor false: what to write instead. */
function stepCacheProblem(issue: { input?: unknown }): string | undefined {
  if (issue.input === true) return 'true is not a cache: give { inputs: [...], outputs: [...] } (or leave it out to take the workflow\'s default; false: always run)';
  if (typeof issue.input !== 'object' || issue.input === null || Array.isArray(issue.input)) return 'expected { inputs, outputs, env } settings, or false (always run)';
  return undefined;
}

/** The upstream's WorkflowStep fields we read as aliases: `max_retries` is `retry.count`; `retry_count` is its run-time counter. */
const UPSTREAM_STEP_KEYS = ['max_retries', 'retry_count'] as const;

/** null, as the upstream Python Codomyrmex writes an unset field (`"timeout": null`), reads as the field left out. */
const unsetWhenNull = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === null ? undefined : value), schema);

/** Every key a step may carry (ours and the upstream's aliases); a file's save manages exactly these. */
export const STEP_KEYS: ReadonlySet<string> = new Set([
  'name', 'module', 'action', 'parameters', 'dependencies', 'timeout', 'retry', 'resources', 'runWhen', 'continueOnError', 'priority', 'runsOn', 'cache', 'ui',
  ...UPSTREAM_STEP_KEYS,
]);

function unknownKeyMessage(key: string): string {
  const suggestion = didYouMean(key, STEP_KEYS);
  return suggestion !== '' ? `unknown step field${suggestion}` : 'unknown step field (keys for tools go under ui or start with "x-")';
}

/** ` (did you mean "dependencies"?)` when a known key is within a few edits of `key`, else nothing. */
export function didYouMean(key: string, known: Iterable<string>): string {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(key.length / 3)) + 1;
  for (const candidate of known) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best === undefined ? '' : ` (did you mean "${best}"?)`;
}

/** Levenshtein distance, one row at a time. */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

/**
 * The file's schemas, built on first use, not at import: building them is a few ms of a command's start, which a run
 * whose parsed form is cached (electron/engine/workflows/parsed-workflow-cache.ts) need not spend.
 */
function buildSchemas() {
  /** A worker pool (`runsOn`), held to the rule in shared/workers.ts. */
  const poolSchema = z.string().regex(POOL_PATTERN, `a pool name must ${POOL_RULE}`);

  const retrySchema = z.object({
    count: z.number().int().min(0).max(100),
    delay: z.number().min(0).default(0),
    backoff: z.number().min(1).default(1),
  });

  /** The upstream's aliases (UPSTREAM_STEP_KEYS). */
  const upstreamStepFields = {
    max_retries: unsetWhenNull(z.number().int().min(0).max(100).optional()),
    retry_count: unsetWhenNull(z.number().int().min(0).optional()),
  } satisfies Record<(typeof UPSTREAM_STEP_KEYS)[number], z.ZodType>;

  const stepSchema = z.looseObject({
    name: nameSchema('step'),
    module: z.string().min(1),
    action: z.string().min(1),
    parameters: unsetWhenNull(z.record(z.string(), z.unknown()).default({})),
    dependencies: unsetWhenNull(z.array(z.string()).default([])),
    timeout: unsetWhenNull(z.number().positive().optional()),
    retry: unsetWhenNull(z.union([z.number().int().min(0).transform((count) => ({ count, delay: 0, backoff: 1 })), retrySchema]).optional()),
    resources: unsetWhenNull(z.record(z.string(), z.number().positive()).default({})),
    runWhen: unsetWhenNull(z.enum(RUN_WHEN).default('success')),
    continueOnError: unsetWhenNull(z.boolean().default(false)),
    priority: unsetWhenNull(z.enum(STEP_PRIORITIES).default('normal')),
    runsOn: unsetWhenNull(poolSchema.optional()),
    // false: this step always runs, whatever the workflow's default.
    cache: unsetWhenNull(z.union([z.literal(false), cacheSchema], { error: stepCacheProblem }).optional()),
    ui: unsetWhenNull(z.record(z.string(), z.unknown()).optional()),
    ...upstreamStepFields,
  }).superRefine((step, context) => {
    // Loose so `ui` and `x-*` stay free for tools; any other key is most likely a misspelling that would silently do nothing.
    for (const key of Object.keys(step)) {
      if (STEP_KEYS.has(key) || key.startsWith('x-')) continue;
      context.addIssue({ code: 'custom', path: [key], message: unknownKeyMessage(key) });
    }
  });

  const scalar = z.union([z.string(), z.number(), z.boolean()]);
  const paramSchema = z.union([
    scalar.transform((value) => ({ default: value })),
    z.object({ default: scalar.optional(), description: z.string().optional(), required: z.boolean().optional() }),
  ]);

  const declaredResourceSchema = z.union([
    z.number().positive().transform((capacity) => ({ capacity })),
    z.object({
      capacity: z.number().positive(),
      type: z.enum(['cpu', 'memory', 'gpu', 'custom']).optional(),
      unit: z.string().optional(),
    }),
  ]);

  const workflowFileSchema = z.looseObject({
    version: z.literal(1).default(1),
    name: nameSchema('workflow'),
    description: z.string().default(''),
    concurrency: z.number().int().positive().optional(),
    env: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String)).default({}),
    params: z.record(z.string(), paramSchema).default({}),
    resources: z.record(z.string(), declaredResourceSchema).default({}),
    runsOn: unsetWhenNull(poolSchema.optional()),
    cache: unsetWhenNull(cacheSchema.optional()),
    steps: z.array(stepSchema),
    ui: unsetWhenNull(z.record(z.string(), z.unknown()).optional()),
  });
  return { workflowFile: workflowFileSchema, step: stepSchema };
}

let built: ReturnType<typeof buildSchemas> | undefined;

/** The whole file's schema (built on first call). */
export const workflowFileSchema = () => (built ??= buildSchemas()).workflowFile;

type StepData = z.output<ReturnType<typeof buildSchemas>['step']>;

/** Parses raw data (from YAML or JSON) into a Workflow, or throws a ValidationError naming every misplaced field. */
export function parseWorkflow(raw: unknown, file?: string): Workflow {
  // Before zod: its walk recurses (a deep value would overflow the stack) and it drops `__proto__` keys silently.
  const shape = shapeProblem(raw);
  if (shape !== null) throw new ValidationError([problemAt(shape.path, shape.message, raw, file)]);
  const result = workflowFileSchema().safeParse(raw);
  if (!result.success) throw new ValidationError(zodIssuesToProblems(result.error.issues, raw, file));
  const data = result.data;
  return {
    version: 1,
    name: data.name,
    description: data.description,
    ...(data.concurrency !== undefined ? { concurrency: data.concurrency } : {}),
    env: data.env,
    params: data.params,
    resources: data.resources,
    ...(data.runsOn !== undefined ? { runsOn: data.runsOn } : {}),
    ...(data.cache !== undefined ? { cache: data.cache } : {}),
    ...(data.ui !== undefined ? { ui: data.ui } : {}),
    steps: data.steps.map((step) => ({
      name: step.name,
      module: step.module,
      action: step.action,
      parameters: step.parameters,
      dependencies: step.dependencies,
      ...(step.timeout !== undefined ? { timeout: step.timeout } : {}),
      ...retryOf(step),
      resources: step.resources,
      runWhen: step.runWhen,
      continueOnError: step.continueOnError,
      priority: step.priority,
      ...(step.runsOn !== undefined ? { runsOn: step.runsOn } : {}),
      ...(step.cache !== undefined ? { cache: step.cache } : {}),
      ...(step.ui !== undefined ? { ui: step.ui } : {}),
    })),
  };
}

/** Our `retry`, or the upstream's `max_retries` as its count (`retry` wins when a file has both). */
function retryOf(step: StepData): { retry?: { count: number; delay: number; backoff: number } } {
  if (step.retry !== undefined) return { retry: step.retry };
  if (step.max_retries !== undefined && step.max_retries > 0) return { retry: { count: step.max_retries, delay: 0, backoff: 1 } };
  return {};
}

/** Maps zod's issue paths (`steps.2.parameters.x`) to problems that name the step and the field. */
export function zodIssuesToProblems(
  issues: readonly z.core.$ZodIssue[],
  raw: unknown,
  file?: string,
): Problem[] {
  return issues.flatMap(withinUnion).map((issue) => problemAt(issue.path.map(String), issue.message, raw, file));
}

/**
 * A value matching none of a union's options: the one option it has the shape of (every problem lies inside the value,
 * as `cache: { inputs: "src" }` has the settings' shape, not `false`'s) says what is wrong in it; else the union's message.
 */
function withinUnion(issue: z.core.$ZodIssue): z.core.$ZodIssue[] {
  if (issue.code !== 'invalid_union') return [issue];
  const inside = issue.errors.filter((option) => option.length > 0 && option.every((inner) => inner.path.length > 0));
  if (inside.length !== 1) return [issue];
  return inside[0]!.flatMap((inner) => withinUnion({ ...inner, path: [...issue.path, ...inner.path] } as z.core.$ZodIssue));
}

/** A problem at a path inside the raw workflow, naming the step (by name when it has a usable one) and the field. */
function problemAt(path: readonly string[], message: string, raw: unknown, file?: string): Problem {
  const problem: Problem = { message, ...(file !== undefined ? { file } : {}) };
  if (path[0] === 'steps' && path.length >= 2) {
    const index = Number(path[1]);
    const stepName = stepNameAt(raw, index);
    problem.step = stepName ?? `#${index + 1}`;
    if (path.length > 2) problem.field = path.slice(2).join('.');
  } else if (path.length > 0) {
    problem.field = path.join('.');
  }
  return problem;
}

function stepNameAt(raw: unknown, index: number): string | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const steps = (raw as { steps?: unknown }).steps;
  if (!Array.isArray(steps)) return undefined;
  const name = (steps[index] as { name?: unknown } | undefined)?.name;
  // A name that breaks the rule (300 characters, a line break) would make the message unreadable: the index says where.
  return typeof name === 'string' && nameProblem('step', name) === null ? name : undefined;
}
