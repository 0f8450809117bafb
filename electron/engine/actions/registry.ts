// The open registry of actions: modules register theirs; the validator and the editor read it.
import { z } from 'zod';
import { OrchestrationError } from '../../../shared/errors.js';
import type { ActionInfo } from '../../../shared/ipc.js';
import type { ActionCatalog, ActionSpec } from '../../../shared/validate.js';
import type { ActionDefinition } from './action.js';
import { paramProblem } from '../../../shared/param-problem.js';

export class ActionRegistry implements ActionCatalog {
  private readonly actions = new Map<string, ActionDefinition>();
  private readonly specs = new Map<string, ActionSpec>();
  /** list()'s answer, made once per set of actions: their JSON Schemas took ~60 ms to make for every page that opened. */
  private listed: ActionInfo[] | null = null;

  register(...definitions: ActionDefinition[]): this {
    for (const definition of definitions) {
      const key = `${definition.module}.${definition.action}`;
      if (this.actions.has(key)) throw new OrchestrationError(`action ${key} is registered twice`);
      this.actions.set(key, definition);
    }
    this.listed = null;
    return this;
  }

  definition(module: string, action: string): ActionDefinition | undefined {
    return this.actions.get(`${module}.${action}`);
  }

  get(module: string, action: string): ActionSpec | undefined {
    const key = `${module}.${action}`;
    const cached = this.specs.get(key);
    if (cached !== undefined) return cached;
    const definition = this.actions.get(key);
    if (definition === undefined) return undefined;
    const spec: ActionSpec = {
      module,
      action,
      outputs: definition.outputs,
      openOutputs: definition.openOutputs ?? false,
      checkParams: (parameters) => {
        const result = definition.params.safeParse(parameters);
        if (result.success) return [];
        return result.error.issues.map(paramProblem);
      },
    };
    this.specs.set(key, spec);
    return spec;
  }

  modules(): string[] {
    return [...new Set([...this.actions.values()].map((definition) => definition.module))].sort();
  }

  actionsOf(module: string): string[] {
    return [...this.actions.values()].filter((d) => d.module === module).map((d) => d.action).sort();
  }

  /** Every action with its parameters' JSON Schema; each caller gets its own copy. */
  list(): ActionInfo[] {
    this.listed ??= [...this.actions.values()].map((definition) => ({
      module: definition.module,
      action: definition.action,
      description: definition.description,
      icon: definition.icon,
      outputs: definition.outputs,
      openOutputs: definition.openOutputs ?? false,
      paramsSchema: z.toJSONSchema(definition.params, { io: 'input', unrepresentable: 'any' }),
    }));
    return structuredClone(this.listed);
  }
}
