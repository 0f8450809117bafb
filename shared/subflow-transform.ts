// Convert to subflow and unpack, as pure functions: steps move into a child workflow run by one `workflow.run` step,
// with the references crossing the selection turned into the child's params and the subflow step's outputs — and back.
import { dependentsOf } from './graph.js';
import type { Workflow, WorkflowParam, WorkflowStep } from './model.js';
import { mapStrings } from './map-strings.js';
import { replaceExpressions, wholeExpression, type TemplateRef } from './templating.js';

/** What `ui.subflow` of a converted step keeps, so an unpack puts every dependency back in its place and order. */
export interface SubflowRecord {
  /** Moved steps that depended on steps outside: their whole dependency list before the move. */
  dependencies: Record<string, string[]>;
  /** Steps outside that depended on moved ones: their whole dependency list before the move. */
  dependents: Record<string, string[]>;
}

export interface ConvertRequest {
  steps: readonly string[];
  /** The child workflow's name, and its file as the `workflow.run` step names it (relative to the project). */
  child: { name: string; file: string };
}

export type ConvertResult = { parent: Workflow; child: Workflow; step: string } | { refused: string };
export type UnpackResult = { workflow: Workflow; steps: string[] } | { refused: string };

/** The reference through a subflow step to one of its child steps' outputs (workflow.run's `steps` output). */
export const childOutputRef = (subflow: string, step: string, key: string): string => `steps.${subflow}.outputs.steps.${step}.${key}`;

export const isSubflowStep = (step: Pick<WorkflowStep, 'module' | 'action'>): boolean => step.module === 'workflow' && step.action === 'run';

/** The child a `workflow.run` step runs: by file (relative to the project) or by name; null when it names neither. */
export function subflowTarget(step: WorkflowStep): { file: string } | { name: string } | null {
  const { file, name } = step.parameters;
  if (typeof file === 'string' && file !== '') return { file };
  if (typeof name === 'string' && name !== '') return { name };
  return null;
}

export function convertToSubflow(workflow: Workflow, request: ConvertRequest): ConvertResult {
  const moved = new Set(request.steps);
  if (moved.size === 0) return { refused: 'select the steps to move into a subflow first' };
  const byName = new Map(workflow.steps.map((step) => [step.name, step]));
  for (const name of moved) if (!byName.has(name)) return { refused: `no step named "${name}"` };
  const cycle = cycleThroughOutside(workflow.steps, moved);
  if (cycle !== null) return { refused: `"${cycle}" depends on a selected step and a selected step depends on it: select it too, or leave out the steps around it` };
  for (const step of workflow.steps) {
    if (moved.has(step.name) && step.runWhen === 'failure' && !step.dependencies.some((dep) => moved.has(dep))) {
      return { refused: `"${step.name}" handles the failure of steps outside the selection: it cannot move without them` };
    }
  }
  const taken = new Set(byName.keys());
  const subflow = freeName(request.child.name, taken);

  // Inside: a reference to a step outside becomes a param the subflow step passes; params pass through by name.
  const passes: Record<string, unknown> = {};
  const childParams: Record<string, WorkflowParam> = {};
  const paramOf = new Map<string, string>();
  const usedParams = new Set(Object.keys(workflow.params));
  const inward = (ref: TemplateRef): string | null => {
    if (ref.kind === 'params') {
      passes[ref.key] = `\${{ params.${ref.key} }}`;
      const declared = Object.hasOwn(workflow.params, ref.key) ? workflow.params[ref.key] : undefined;
      if (declared !== undefined) childParams[ref.key] = declared;
      return null;
    }
    if (ref.kind !== 'steps' || moved.has(ref.step)) return null;
    const id = `${ref.step}\u0000${ref.key}`;
    let param = paramOf.get(id);
    if (param === undefined) {
      param = freeName(`${ref.step}_${ref.key}`.replace(/[^A-Za-z0-9_-]/g, '_'), usedParams);
      usedParams.add(param);
      paramOf.set(id, param);
      passes[param] = `\${{ ${ref.text} }}`;
      childParams[param] = { required: true, description: `output ${ref.key} of step ${ref.step} in ${workflow.name}` };
    }
    return `params.${param}`;
  };
  // Outside: a reference to a moved step reads it through the subflow step's outputs.
  const outward = (ref: TemplateRef): string | null => (ref.kind === 'steps' && moved.has(ref.step) ? childOutputRef(subflow, ref.step, ref.key) : null);

  const record: SubflowRecord = { dependencies: {}, dependents: {} };
  const subflowDeps = new Set<string>();
  const childSteps: WorkflowStep[] = [];
  const parentSteps: WorkflowStep[] = [];
  let at = -1;
  for (const step of workflow.steps) {
    if (moved.has(step.name)) {
      const inside = step.dependencies.filter((dep) => moved.has(dep));
      if (inside.length !== step.dependencies.length) {
        record.dependencies[step.name] = [...step.dependencies];
        for (const dep of step.dependencies) if (!moved.has(dep)) subflowDeps.add(dep);
      }
      childSteps.push({ ...step, dependencies: inside, parameters: mapStrings(step.parameters, (text) => replaceExpressions(text, inward)) });
      if (at === -1) at = parentSteps.length;
      continue;
    }
    let dependencies = step.dependencies;
    if (dependencies.some((dep) => moved.has(dep))) {
      record.dependents[step.name] = [...dependencies];
      dependencies = [...new Set(dependencies.map((dep) => (moved.has(dep) ? subflow : dep)))];
    }
    const parameters = mapStrings(step.parameters, (text) => replaceExpressions(text, outward));
    parentSteps.push(dependencies === step.dependencies && parameters === step.parameters ? step : { ...step, dependencies, parameters });
  }
  // At the moved steps' centre (not the first one's corner), where the eye looks for what replaced them.
  const corner = centroid(childSteps);
  const runStep: WorkflowStep = {
    name: subflow,
    module: 'workflow',
    action: 'run',
    parameters: { file: request.child.file, ...(Object.keys(passes).length > 0 ? { params: passes } : {}) },
    dependencies: [...subflowDeps],
    resources: {},
    runWhen: 'success',
    continueOnError: false,
    priority: 'normal',
    ui: { ...(corner !== null ? corner : {}), subflow: record },
  };
  parentSteps.splice(at, 0, runStep);
  const child: Workflow = {
    version: 1,
    name: request.child.name,
    description: `Steps moved out of ${workflow.name}`,
    ...(workflow.concurrency !== undefined ? { concurrency: workflow.concurrency } : {}),
    // The moved steps see the same environment, resources, pool and cache defaults as before.
    env: { ...workflow.env },
    params: childParams,
    resources: { ...workflow.resources },
    ...(workflow.runsOn !== undefined ? { runsOn: workflow.runsOn } : {}),
    ...(workflow.cache !== undefined ? { cache: workflow.cache } : {}),
    steps: childSteps,
  };
  return { parent: { ...workflow, steps: parentSteps }, child, step: subflow };
}

/** Puts a subflow step's child steps back in its place, with the references and dependencies they had before. */
export function unpackSubflow(workflow: Workflow, stepName: string, child: Workflow): UnpackResult {
  const index = workflow.steps.findIndex((step) => step.name === stepName);
  const subflow = workflow.steps[index];
  if (subflow === undefined) return { refused: `no step named "${stepName}"` };
  if (!isSubflowStep(subflow)) return { refused: `"${stepName}" is a ${subflow.module}.${subflow.action} step, not a subflow` };
  if (child.steps.length === 0) return { refused: `the subflow ${child.name} has no steps to unpack` };
  const names = new Set(child.steps.map((step) => step.name));
  const clash = workflow.steps.find((step) => step.name !== stepName && names.has(step.name));
  if (clash !== undefined) return { refused: `"${clash.name}" is a step of both ${workflow.name} and ${child.name}: rename one first` };
  const record = recordOf(subflow);
  const passes = isRecord(subflow.parameters.params) ? subflow.parameters.params : {};
  const params = { ...workflow.params };

  // A child param reads what the subflow step passed for it, else its default; one with neither becomes the parent's.
  const valueOf = (key: string): { value: unknown } | null => {
    if (Object.hasOwn(passes, key)) return { value: passes[key] };
    const declared = Object.hasOwn(child.params, key) ? child.params[key] : undefined;
    if (declared?.default !== undefined) return { value: declared.default };
    if (declared !== undefined && !Object.hasOwn(params, key)) params[key] = declared;
    return null;
  };
  const inline = (ref: TemplateRef): string | null => {
    if (ref.kind !== 'params') return null;
    const found = valueOf(ref.key);
    return found === null ? null : textOf(found.value);
  };
  const substitute = (text: string): unknown => {
    const whole = wholeExpression(text);
    if (whole?.kind === 'params') {
      const found = valueOf(whole.key);
      if (found !== null) return found.value;
    }
    // Inlined values are text already: replaceExpressions wraps its answer in ${{ }}, so splice by hand.
    return spliceParams(text, inline);
  };

  const problems: string[] = [];
  const outward = (from: string) => (ref: TemplateRef): string | null => {
    if (ref.kind !== 'steps' || ref.step !== stepName) return null;
    const match = /^steps\.([A-Za-z0-9_-]+)\.(.+)$/.exec(ref.key);
    if (match === null || !names.has(match[1]!)) {
      problems.push(`"${from}" reads \${{ ${ref.text} }}, which names no step of ${child.name}: change it before unpacking`);
      return null;
    }
    return `steps.${match[1]}.outputs.${match[2]}`;
  };

  const external = subflow.dependencies;
  const covered = new Set(Object.values(record.dependencies).flat());
  const uncovered = external.filter((dep) => !covered.has(dep));
  const offset = shiftOf(subflow, child.steps);
  const unpacked = child.steps.map((step): WorkflowStep => {
    const recorded = record.dependencies[step.name]?.filter((dep) => names.has(dep) || external.includes(dep));
    let dependencies = recorded === undefined ? [...step.dependencies] : [...new Set([...recorded, ...step.dependencies])];
    if (step.dependencies.length === 0 && recorded === undefined) dependencies = [...uncovered];
    const parameters = mapStrings(step.parameters, substitute);
    return moveBy({ ...step, dependencies, parameters }, offset);
  });
  const depended = new Set(child.steps.flatMap((step) => step.dependencies));
  const leaves = child.steps.filter((step) => !depended.has(step.name)).map((step) => step.name);
  const steps: WorkflowStep[] = [];
  for (const step of workflow.steps) {
    if (step === subflow) {
      steps.push(...unpacked);
      continue;
    }
    let dependencies = step.dependencies;
    if (dependencies.includes(stepName)) {
      const rest = dependencies.filter((dep) => dep !== stepName);
      const recorded = record.dependents[step.name]?.filter((dep) => names.has(dep) || rest.includes(dep));
      dependencies = recorded === undefined || !recorded.some((dep) => names.has(dep))
        ? [...dependencies.flatMap((dep) => (dep === stepName ? leaves : [dep]))]
        : [...new Set([...recorded, ...rest])];
    }
    const parameters = mapStrings(step.parameters, (text) => replaceExpressions(text, outward(step.name)));
    steps.push(dependencies === step.dependencies && parameters === step.parameters ? step : { ...step, dependencies, parameters });
  }
  if (problems[0] !== undefined) return { refused: problems[0] };
  const env = { ...child.env, ...workflow.env };
  return { workflow: { ...workflow, env, params, steps }, steps: [...names] };
}

/** A step outside the selection that is both downstream and upstream of it: moving the selection would make a cycle. */
function cycleThroughOutside(steps: readonly WorkflowStep[], moved: ReadonlySet<string>): string | null {
  const dependents = dependentsOf(steps);
  const byName = new Map(steps.map((step) => [step.name, step]));
  const reach = (next: (name: string) => readonly string[]): Set<string> => {
    const seen = new Set<string>();
    const stack = [...moved];
    while (stack.length > 0) {
      for (const other of next(stack.pop()!)) {
        if (seen.has(other) || moved.has(other)) continue;
        seen.add(other);
        stack.push(other);
      }
    }
    return seen;
  };
  const downstream = reach((name) => dependents.get(name) ?? []);
  if (downstream.size === 0) return null;
  const upstream = reach((name) => byName.get(name)?.dependencies ?? []);
  for (const name of downstream) if (upstream.has(name)) return name;
  return null;
}

function recordOf(step: WorkflowStep): SubflowRecord {
  const saved = step.ui?.subflow;
  const lists = (value: unknown): Record<string, string[]> => {
    if (!isRecord(value)) return {};
    return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string[]] => Array.isArray(entry[1]) && entry[1].every((item) => typeof item === 'string')));
  };
  return isRecord(saved) ? { dependencies: lists(saved.dependencies), dependents: lists(saved.dependents) } : { dependencies: {}, dependents: {} };
}

function spliceParams(text: string, inline: (ref: TemplateRef) => string | null): string {
  // A private-use character: no workflow text holds it, and it survives replaceExpressions' wrapping.
  const marker = '\uE000';
  const values: string[] = [];
  const marked = replaceExpressions(text, (ref) => {
    const value = inline(ref);
    if (value === null) return null;
    values.push(value);
    return marker;
  });
  if (values.length === 0) return text;
  let next = 0;
  return marked.replace(/\$\{\{ \uE000 \}\}/g, () => values[next++]!);
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function freeName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const positionOf = (step: WorkflowStep): { x: number; y: number } | null =>
  typeof step.ui?.x === 'number' && typeof step.ui.y === 'number' ? { x: step.ui.x, y: step.ui.y } : null;

/** The mean of the steps' positions (rounded), null when none has one: where a subflow stands for them. */
function centroid(steps: readonly WorkflowStep[]): { x: number; y: number } | null {
  let x = 0;
  let y = 0;
  let count = 0;
  for (const step of steps) {
    const at = positionOf(step);
    if (at === null) continue;
    x += at.x;
    y += at.y;
    count++;
  }
  return count === 0 ? null : { x: Math.round(x / count), y: Math.round(y / count) };
}

/** How far the child steps move so their centre lands where the subflow step stands (as convert placed it there). */
function shiftOf(subflow: WorkflowStep, steps: readonly WorkflowStep[]): { x: number; y: number } {
  const at = positionOf(subflow);
  const centre = centroid(steps);
  return at === null || centre === null ? { x: 0, y: 0 } : { x: at.x - centre.x, y: at.y - centre.y };
}

function moveBy(step: WorkflowStep, by: { x: number; y: number }): WorkflowStep {
  const at = positionOf(step);
  if (at === null || (by.x === 0 && by.y === 0)) return step;
  return { ...step, ui: { ...step.ui, x: at.x + by.x, y: at.y + by.y } };
}
