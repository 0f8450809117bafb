// The editor's edits as pure functions over a Workflow: each returns a new workflow that shares every step it did not
// touch, so undo snapshots are cheap and unchanged canvas nodes keep their identity (and skip re-rendering).
import { findCycles } from '../../shared/graph.js';
import type { Workflow, WorkflowStep } from '../../shared/model.js';
import { pruneGroups } from '../../shared/workflow-groups.js';

export interface XY {
  x: number;
  y: number;
}

export interface Dependency {
  /** The step depended on (the edge's source). */
  source: string;
  /** The dependent step (the edge's target). */
  target: string;
}

export type ConnectResult = { workflow: Workflow } | { refused: string };

export function positionOf(step: WorkflowStep): XY | null {
  const x = step.ui?.x;
  const y = step.ui?.y;
  return typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y) ? { x, y } : null;
}

export function withPosition(step: WorkflowStep, at: XY): WorkflowStep {
  // Whole pixels: a saved file should not churn with sub-pixel noise.
  const x = Math.round(at.x);
  const y = Math.round(at.y);
  const current = positionOf(step);
  if (current !== null && current.x === x && current.y === y) return step;
  return { ...step, ui: { ...step.ui, x, y } };
}

export function createStep(module: string, action: string, name: string, at: XY, parameters: Record<string, unknown> = {}): WorkflowStep {
  return withPosition({
    name, module, action, parameters, dependencies: [], resources: {}, runWhen: 'success', continueOnError: false, priority: 'normal',
  }, at);
}

export function addSteps(workflow: Workflow, steps: readonly WorkflowStep[]): Workflow {
  return { ...workflow, steps: [...workflow.steps, ...steps] };
}

/** Removes steps (and every dependency on them) and dependency edges, in one edit. */
export function removeElements(workflow: Workflow, names: readonly string[], edges: readonly Dependency[] = []): Workflow {
  const gone = new Set(names);
  const cut = new Map<string, Set<string>>();
  for (const edge of edges) {
    if (!cut.has(edge.target)) cut.set(edge.target, new Set());
    cut.get(edge.target)!.add(edge.source);
  }
  const steps = workflow.steps.filter((step) => !gone.has(step.name)).map((step) => {
    const cutHere = cut.get(step.name);
    const keep = (dep: string): boolean => !gone.has(dep) && !(cutHere?.has(dep) ?? false);
    return step.dependencies.every(keep) ? step : { ...step, dependencies: step.dependencies.filter(keep) };
  });
  // A group keeps no name of a deleted step (nor stays, emptied).
  return pruneGroups({ ...workflow, steps });
}

/** Why `target` may not depend on `source` (self-loop, duplicate, cycle — naming the steps on it), or null. */
export function connectionRefusal(workflow: Workflow, { source, target }: Dependency): string | null {
  if (source === target) return `"${source}" cannot depend on itself`;
  const dependent = workflow.steps.find((step) => step.name === target);
  if (dependent === undefined || !workflow.steps.some((step) => step.name === source)) return `no step named "${dependent === undefined ? target : source}"`;
  if (dependent.dependencies.includes(source)) return `"${target}" already depends on "${source}"`;
  const trial = workflow.steps.map((step) => (step === dependent ? { name: step.name, dependencies: [...step.dependencies, source] } : step));
  const cycle = findCycles(trial).find((steps) => steps.includes(source) && steps.includes(target));
  if (cycle === undefined) return null;
  // Read from the step that would gain the dependency: "first → second → third → first".
  const loop = cycle.slice(0, -1);
  const start = loop.indexOf(target);
  const rotated = [...loop.slice(start), ...loop.slice(0, start), target];
  return `"${target}" after "${source}" would make a cycle: ${rotated.join(' → ')}`;
}

/** Makes `target` depend on `source`, or says why not. */
export function connect(workflow: Workflow, dependency: Dependency): ConnectResult {
  const refused = connectionRefusal(workflow, dependency);
  if (refused !== null) return { refused };
  return { workflow: updateStep(workflow, dependency.target, (step) => ({ ...step, dependencies: [...step.dependencies, dependency.source] })) };
}

/** Moves one end of an edge: the old dependency goes, the new one is checked as a fresh connection. */
export function reconnect(workflow: Workflow, from: Dependency, to: Dependency): ConnectResult {
  if (from.source === to.source && from.target === to.target) return { workflow };
  return connect(removeElements(workflow, [], [from]), to);
}

export function moveSteps(workflow: Workflow, positions: ReadonlyMap<string, XY>): Workflow {
  let changed = false;
  const steps = workflow.steps.map((step) => {
    const at = positions.get(step.name);
    const next = at === undefined ? step : withPosition(step, at);
    if (next !== step) changed = true;
    return next;
  });
  return changed ? { ...workflow, steps } : workflow;
}

export function updateStep(workflow: Workflow, name: string, change: (step: WorkflowStep) => WorkflowStep): Workflow {
  let changed = false;
  const steps = workflow.steps.map((step) => {
    if (step.name !== name) return step;
    const next = change(step);
    if (next !== step) changed = true;
    return next;
  });
  return changed ? { ...workflow, steps } : workflow;
}

/** The workflow's dependencies as edges, each from the dependency to its dependent; unknown names are not drawn. */
export function dependenciesOf(workflow: Workflow): Dependency[] {
  const names = new Set(workflow.steps.map((step) => step.name));
  const edges: Dependency[] = [];
  for (const step of workflow.steps) {
    for (const dep of step.dependencies) if (names.has(dep) && dep !== step.name) edges.push({ source: dep, target: step.name });
  }
  return edges;
}

export const edgeId = ({ source, target }: Dependency): string => `${source}->${target}`;
