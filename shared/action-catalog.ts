// The action catalogue the editor validates with, built from `actions.list` (JSON Schemas), so it checks as the engine does.
import { z } from 'zod';
import type { ActionInfo } from './ipc.js';
import type { ActionCatalog, ActionSpec } from './validate.js';
import { paramProblem } from './param-problem.js';

/**
 * Parameters are checked against each action's JSON Schema, turned back into zod (compiled on first use: a workflow
 * uses a few actions out of many). What JSON Schema cannot carry (an action's cross-field rules, such as workflow.run's
 * "exactly one of file or name") is left to the engine, whose problems come back with every save.
 */
export function catalogFromActionInfos(infos: readonly ActionInfo[]): ActionCatalog {
  const specs = new Map<string, ActionSpec>();
  const byModule = new Map<string, string[]>();
  for (const info of infos) {
    specs.set(`${info.module}.${info.action}`, specFromInfo(info));
    byModule.set(info.module, [...(byModule.get(info.module) ?? []), info.action]);
  }
  const modules = [...byModule.keys()].sort();
  for (const actions of byModule.values()) actions.sort();
  return {
    get: (module, action) => specs.get(`${module}.${action}`),
    modules: () => modules,
    actionsOf: (module) => byModule.get(module) ?? [],
  };
}

function specFromInfo(info: ActionInfo): ActionSpec {
  let schema: z.ZodType | null = null;
  return {
    module: info.module,
    action: info.action,
    outputs: info.outputs,
    openOutputs: info.openOutputs,
    checkParams(parameters) {
      schema ??= compile(info);
      const result = schema.safeParse(parameters);
      if (result.success) return [];
      return result.error.issues.map(paramProblem);
    },
  };
}

function compile(info: ActionInfo): z.ZodType {
  try {
    return z.fromJSONSchema(info.paramsSchema as Parameters<typeof z.fromJSONSchema>[0]);
  } catch (error) {
    // A schema zod cannot read back must not stop the editor: such an action's parameters are left to the engine.
    console.warn(`${info.module}.${info.action}: cannot check parameters in the editor (${(error as Error).message})`);
    return z.any();
  }
}
