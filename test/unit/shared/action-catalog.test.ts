import { describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '../../../electron/engine/actions/builtin.js';
import { catalogFromActionInfos } from '../../../shared/action-catalog.js';
import { validateWorkflow } from '../../../shared/validate.js';
import { parseWorkflow } from '../../../shared/workflow-schema.js';

/** A valid parameter set for every built-in action; the invalid ones are derived from each action's JSON Schema. */
const VALID: Record<string, Record<string, unknown>> = {
  'shell.run': { command: 'echo hi', cwd: 'sub', env: { A: 'x', B: 2 }, shell: '/bin/bash' },
  'control.noop': {},
  'control.delay': { seconds: 0.5 },
  'control.fail': { message: 'no', exitCode: 3 },
  'file.write': { path: 'out.txt', content: 'hi', append: true },
  'file.read': { path: 'in.txt', encoding: 'base64', maxBytes: 10 },
  'http.request': { url: 'http://127.0.0.1:8080/x', method: 'POST', headers: { a: 'b' }, body: { x: 1 }, timeout: 2, expectStatus: [200] },
  'environment_setup.check_environment': { requirements: ['node>=18', 'git'], path: 'sub' },
  'static_analysis.analyze_code': { path: 'src', exclude: ['dist'], maxFiles: 10 },
  'static_analysis.analyze_code_quality': { path: 'src', tool: 'eslint', complexityThreshold: 15, maxFindings: 50, failOnErrors: true },
  'workflow.run': { file: 'child.yaml', params: { a: 1 } },
};

/**
 * Rules JSON Schema cannot carry (zod refinements): the engine finds them, the editor's catalogue does not, and the
 * engine's problems come back on save. Listed here so a new one is a decision, not an accident.
 */
const ENGINE_ONLY: Record<string, Record<string, unknown>[]> = {
  'workflow.run': [{}, { file: 'a.yaml', name: 'a' }],
  'http.request': [{ url: 'http://127.0.0.1/', method: 'GET', body: 'x' }],
  'environment_setup.check_environment': [{ requirements: ['node>=not-a-range'] }],
};

/**
 * A custom message on an engine schema (zod's `error:`) does not travel through JSON Schema: for these missing
 * parameters the engine's words differ from the catalogue's, which are listed here.
 */
const ENGINE_WORDED: Record<string, string[]> = {
  'http.request.url': ['is required'],
};

interface PropertySchema {
  type?: string | string[];
  enum?: unknown[];
  minLength?: number;
  minimum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  anyOf?: unknown[];
}

/** For each property: a value of the wrong type, and one that breaks each constraint the schema states. */
function invalidVariants(valid: Record<string, unknown>, schema: { properties?: Record<string, PropertySchema>; required?: string[] }): Record<string, unknown>[] {
  const variants: Record<string, unknown>[] = [];
  for (const key of schema.required ?? []) {
    const { [key]: _dropped, ...rest } = valid;
    variants.push(rest);
  }
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    const types = [property.type ?? []].flat();
    const wrong = types.includes('object') || types.includes('array') || property.anyOf !== undefined ? 42 : { not: 'this' };
    variants.push({ ...valid, [key]: wrong });
    if (property.enum !== undefined) variants.push({ ...valid, [key]: 'not-one-of-them' });
    if (property.minLength !== undefined) variants.push({ ...valid, [key]: '' });
    if (property.minimum !== undefined) variants.push({ ...valid, [key]: property.minimum - 1 });
    if (property.exclusiveMinimum !== undefined) variants.push({ ...valid, [key]: property.exclusiveMinimum });
    if (types.includes('integer')) variants.push({ ...valid, [key]: 1.5 });
    if (property.minItems !== undefined) variants.push({ ...valid, [key]: [] });
  }
  return variants;
}

describe('the editor\'s action catalogue, built from the JSON Schemas of actions.list', () => {
  const registry = createBuiltinRegistry();
  const infos = registry.list();
  const catalog = catalogFromActionInfos(infos);

  it('knows every module and action the engine knows', () => {
    expect(catalog.modules()).toEqual(registry.modules());
    for (const module of registry.modules()) expect(catalog.actionsOf(module)).toEqual(registry.actionsOf(module));
    expect(Object.keys(VALID).sort()).toEqual(infos.map((i) => `${i.module}.${i.action}`).sort());
  });

  it('finds every parameter error the engine\'s registry finds, at the same paths, for every built-in action', () => {
    for (const info of infos) {
      const key = `${info.module}.${info.action}`;
      const engine = registry.get(info.module, info.action)!;
      const editor = catalog.get(info.module, info.action)!;
      expect(engine.checkParams(VALID[key]!), `${key} valid sample`).toEqual([]);
      expect(editor.checkParams(VALID[key]!), `${key} valid sample`).toEqual([]);
      for (const parameters of invalidVariants(VALID[key]!, info.paramsSchema as never)) {
        const paths = (issues: { path: string[] }[]) => [...new Set(issues.map((issue) => issue.path.join('.')))];
        const found = paths(engine.checkParams(parameters));
        expect(found.length, `${key} ${JSON.stringify(parameters)} should be invalid`).toBeGreaterThan(0);
        // A refinement's issue sits at the root (path ""); the field errors beside it are the catalogue's to find.
        expect(paths(editor.checkParams(parameters)), `${key} ${JSON.stringify(parameters)}`).toEqual(found.filter((path) => path !== ''));
      }
    }
  });

  it('words a missing required parameter as the engine\'s registry does, for every built-in action', () => {
    for (const info of infos) {
      const key = `${info.module}.${info.action}`;
      for (const required of (info.paramsSchema as { required?: string[] }).required ?? []) {
        const { [required]: _dropped, ...parameters } = VALID[key]!;
        const messages = (issues: { path: string[]; message: string }[]) => issues.filter((issue) => issue.path.join('.') === required).map((issue) => issue.message);
        const engine = messages(registry.get(info.module, info.action)!.checkParams(parameters));
        expect(engine.length, `${key} without ${required}`).toBeGreaterThan(0);
        const expected = ENGINE_WORDED[`${key}.${required}`] ?? engine;
        expect(messages(catalog.get(info.module, info.action)!.checkParams(parameters)), `${key} without ${required}`).toEqual(expected);
      }
    }
  });

  it('leaves the rules JSON Schema cannot state to the engine', () => {
    for (const [key, samples] of Object.entries(ENGINE_ONLY)) {
      const [module, action] = key.split('.') as [string, string];
      for (const parameters of samples) {
        expect(registry.get(module, action)!.checkParams(parameters).length, `${key} ${JSON.stringify(parameters)}`).toBeGreaterThan(0);
        expect(catalog.get(module, action)!.checkParams(parameters), `${key} ${JSON.stringify(parameters)}`).toEqual([]);
      }
    }
  });

  it('gives the validator the same problems as the engine for a whole workflow', () => {
    const workflow = parseWorkflow({ name: 'w', steps: [
      { name: 'a', module: 'shell', action: 'run', parameters: {} },
      { name: 'b', module: 'control', action: 'delay', parameters: { seconds: 'soon' }, dependencies: ['a'] },
      { name: 'c', module: 'file', action: 'read', parameters: { path: 'x', encoding: 'ebcdic' }, dependencies: ['b'] },
      { name: 'd', module: 'shell', action: 'run', parameters: { command: 'echo ${{ steps.c.outputs.nope }}' }, dependencies: ['c'] },
    ] });
    const context = { resourceCapacities: new Map(), env: {} };
    expect(validateWorkflow(workflow, { ...context, catalog })).toEqual(validateWorkflow(workflow, { ...context, catalog: registry }));
    expect(validateWorkflow(workflow, { ...context, catalog }).map((p) => `${p.step}/${p.field}`)).toEqual(['a/parameters.command', 'b/parameters.seconds', 'c/parameters.encoding', 'd/parameters.command']);
  });
});
