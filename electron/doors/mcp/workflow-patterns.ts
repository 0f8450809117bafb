// The shapes create_complex_workflow builds: a DAG as given, a pipeline, parallel steps, or a fan-out / fan-in.
import { ToolError } from './mcp-context.js';
import type { StepInputArgs } from './step-input.js';

export const WORKFLOW_TYPES = ['dag', 'pipeline', 'sequential', 'parallel', 'fan_out_fan_in', 'map_reduce'] as const;
export type WorkflowType = (typeof WORKFLOW_TYPES)[number];

export const WORKFLOW_TYPES_HELP =
  'dag (default): dependencies as given in each step and in workflow_definition.dependencies; ' +
  'pipeline (alias sequential): each step after the one before; parallel: every step at once; ' +
  'fan_out_fan_in (alias map_reduce): the first step, then every middle step in parallel, then the last step once all of them ended.';

/** The steps with the dependencies their pattern implies added to their own (never duplicated). */
export function applyPattern(type: WorkflowType, steps: StepInputArgs[], extra: Record<string, string[]> = {}): StepInputArgs[] {
  const names = new Set(steps.map((step) => step.name));
  for (const [step, dependencies] of Object.entries(extra)) {
    if (!names.has(step)) throw new ToolError(`workflow_definition.dependencies.${step}: no step is named "${step}" (steps: ${[...names].join(', ')})`);
    if (!Array.isArray(dependencies)) throw new ToolError(`workflow_definition.dependencies.${step}: expected a list of step names`);
  }
  const implied = impliedDependencies(type, steps.map((step) => step.name));
  return steps.map((step) => {
    const dependencies = [...new Set([...(step.dependencies ?? []), ...(extra[step.name] ?? []), ...(implied.get(step.name) ?? [])])];
    return { ...step, dependencies };
  });
}

function impliedDependencies(type: WorkflowType, names: string[]): Map<string, string[]> {
  const implied = new Map<string, string[]>();
  switch (type) {
    case 'pipeline':
    case 'sequential':
      names.slice(1).forEach((name, i) => implied.set(name, [names[i]!]));
      break;
    case 'fan_out_fan_in':
    case 'map_reduce': {
      if (names.length < 3) throw new ToolError(`steps: ${type} needs at least 3 steps (a first step, one or more branches, a last step), got ${names.length}`);
      const branches = names.slice(1, -1);
      for (const branch of branches) implied.set(branch, [names[0]!]);
      implied.set(names[names.length - 1]!, branches);
      break;
    }
    case 'dag':
    case 'parallel':
      break;
  }
  return implied;
}
