// Validation before anything runs (DESIGN.md §4): the same checks for the engine, the CLI and the editor.
import type { Problem } from './errors.js';
import { ancestorsOf, findCycles } from './graph.js';
import type { Workflow, WorkflowStep } from './model.js';
import { collectRefs, containsTemplate } from './templating.js';

/** What the validator needs to know of an action; the engine's registry provides it. */
export interface ActionSpec {
  module: string;
  action: string;
  /** Problems with the parameters, each at a path inside `parameters`. */
  checkParams(parameters: Record<string, unknown>): { path: string[]; message: string }[];
  /** Outputs the action always sets. */
  outputs: readonly string[];
  /** True when the action may set outputs beyond those (shell.run's $CODOMYRMEX_OUTPUT lines). */
  openOutputs: boolean;
}

export interface ActionCatalog {
  get(module: string, action: string): ActionSpec | undefined;
  modules(): string[];
  actionsOf(module: string): string[];
}

export interface ValidationContext {
  catalog: ActionCatalog;
  /** Capacity of every resource known outside the workflow (built-in and user-defined), by id. */
  resourceCapacities: ReadonlyMap<string, { capacity: number; unit: string }>;
  /** Environment visible to `${{ env.X }}` besides the workflow's own `env`. */
  env: Record<string, string | undefined>;
  file?: string;
  /** True for a step that runs on a worker (the queue is on): its worker admits its resources, not this machine. */
  onWorker?: (step: Workflow['steps'][number]) => boolean;
}

export function validateWorkflow(workflow: Workflow, context: ValidationContext): Problem[] {
  const problems: Problem[] = [];
  const at = (step: string | undefined, field: string | undefined, message: string): void => {
    problems.push({
      message,
      ...(context.file !== undefined ? { file: context.file } : {}),
      ...(step !== undefined ? { step } : {}),
      ...(field !== undefined ? { field } : {}),
    });
  };

  const names = new Set<string>();
  for (const step of workflow.steps) {
    if (names.has(step.name)) at(step.name, 'name', `duplicate step name "${step.name}"`);
    names.add(step.name);
  }
  if (workflow.steps.length === 0) at(undefined, 'steps', 'the workflow has no steps');

  for (const step of workflow.steps) {
    step.dependencies.forEach((dep, index) => {
      if (dep === step.name) at(step.name, `dependencies.${index}`, 'a step cannot depend on itself');
      else if (!names.has(dep)) at(step.name, `dependencies.${index}`, `unknown dependency "${dep}"${suggest(dep, names)}`);
    });
    if (step.runWhen === 'failure' && step.dependencies.length === 0) {
      at(step.name, 'runWhen', 'runWhen "failure" needs at least one dependency whose failure it handles');
    }
  }

  const cycles = findCycles(workflow.steps);
  for (const cycle of cycles) at(cycle[0], 'dependencies', `dependency cycle: ${cycle.join(' → ')}`);

  for (const step of workflow.steps) checkAction(step, context, at);
  checkTemplates(workflow, context, cycles.length > 0, at);
  checkResources(workflow, context, at);
  return problems;
}

type Report = (step: string | undefined, field: string | undefined, message: string) => void;

function checkAction(step: WorkflowStep, context: ValidationContext, at: Report): void {
  const spec = context.catalog.get(step.module, step.action);
  if (spec === undefined) {
    const modules = context.catalog.modules();
    if (!modules.includes(step.module)) {
      at(step.name, 'module', `unknown module "${step.module}" (known: ${modules.join(', ')})`);
    } else {
      at(step.name, 'action', `unknown action "${step.action}" of module "${step.module}" (known: ${context.catalog.actionsOf(step.module).join(', ')})`);
    }
    return;
  }
  for (const issue of spec.checkParams(step.parameters)) {
    // A templated value's type is only known at run time; it is checked again then.
    if (containsTemplate(valueAt(step.parameters, issue.path))) continue;
    at(step.name, ['parameters', ...issue.path].join('.'), issue.message);
  }
}

function checkTemplates(workflow: Workflow, context: ValidationContext, hasCycle: boolean, at: Report): void {
  const byName = new Map(workflow.steps.map((step) => [step.name, step]));
  for (const step of workflow.steps) {
    const refs = collectRefs(step.parameters, ['parameters']);
    if (refs.length === 0) continue;
    let ancestors: Set<string> | undefined;
    for (const { path, ref } of refs) {
      const field = path.join('.');
      const expr = `\${{ ${ref.text} }}`;
      if (ref.kind === 'invalid') {
        at(step.name, field, `${expr} is not an expression (use steps.<name>.outputs.<key>, params.<key> or env.<KEY>)`);
      } else if (ref.kind === 'params') {
        if (!Object.hasOwn(workflow.params, ref.key)) at(step.name, field, `${expr}: the workflow declares no param "${ref.key}"`);
      } else if (ref.kind === 'env') {
        if (!Object.hasOwn(workflow.env, ref.key) && !(Object.hasOwn(context.env, ref.key) && context.env[ref.key] !== undefined)) {
          at(step.name, field, `${expr}: environment variable ${ref.key} is set neither in the workflow's env nor in the environment`);
        }
      } else {
        const target = byName.get(ref.step);
        if (target === undefined) {
          at(step.name, field, `${expr}: no step named "${ref.step}"`);
          continue;
        }
        // Most references name a direct dependency: checking those first keeps validation linear on big graphs.
        if (!hasCycle && !step.dependencies.includes(ref.step)) {
          ancestors ??= ancestorsOf(workflow.steps, step.name, byName);
          if (!ancestors.has(ref.step)) {
            at(step.name, field, `${expr}: "${ref.step}" is not among this step's dependencies, so its outputs may not exist yet`);
            continue;
          }
        }
        const spec = context.catalog.get(target.module, target.action);
        // `steps.x.y` reads into the output `steps` (a subflow's child steps): the first part is the output's name.
        if (spec !== undefined && !spec.openOutputs && !spec.outputs.includes(ref.key) && !spec.outputs.includes(ref.key.split('.')[0]!)) {
          at(step.name, field, `${expr}: ${target.module}.${target.action} has no output "${ref.key}" (it sets: ${spec.outputs.join(', ')})`);
        }
      }
    }
  }
}

function checkResources(workflow: Workflow, context: ValidationContext, at: Report): void {
  for (const step of workflow.steps) {
    if (context.onWorker?.(step) === true) continue;
    for (const [id, amount] of Object.entries(step.resources)) {
      // Own entries only: a resource named `toString` is unknown unless declared, never Object's method.
      const declared = Object.hasOwn(workflow.resources, id) ? workflow.resources[id] : undefined;
      const known = declared !== undefined ? { capacity: declared.capacity, unit: declared.unit ?? 'units' } : context.resourceCapacities.get(id);
      if (known === undefined) {
        const ids = [...context.resourceCapacities.keys(), ...Object.keys(workflow.resources)];
        at(step.name, `resources.${id}`, `unknown resource "${id}" (known: ${ids.join(', ')})`);
      } else if (amount > known.capacity) {
        at(step.name, `resources.${id}`, `needs ${amount} ${known.unit} of "${id}" but its capacity is ${known.capacity}: it could never start`);
      }
    }
  }
}

function valueAt(root: unknown, path: readonly string[]): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function suggest(name: string, names: ReadonlySet<string>): string {
  const lower = name.toLowerCase();
  for (const candidate of names) {
    if (candidate.toLowerCase() === lower || candidate.startsWith(name) || name.startsWith(candidate)) return ` (did you mean "${candidate}"?)`;
  }
  return '';
}
