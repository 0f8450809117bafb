import { describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '../../../electron/engine/actions/builtin.js';
import { ValidationError } from '../../../shared/errors.js';
import { parseWorkflow } from '../../../shared/workflow-schema.js';
import { validateWorkflow, type ValidationContext } from '../../../shared/validate.js';

const context: ValidationContext = {
  catalog: createBuiltinRegistry(),
  resourceCapacities: new Map([['cpu', { capacity: 2, unit: 'cores' }], ['memory', { capacity: 1024, unit: 'MB' }]]),
  env: { HOME: '/home/me' },
  file: 'ci.yaml',
};

const step = (name: string, extra: Record<string, unknown> = {}) => ({ name, module: 'shell', action: 'run', parameters: { command: 'true' }, ...extra });
const problems = (steps: unknown[], extra: Record<string, unknown> = {}) => validateWorkflow(parseWorkflow({ name: 'ci', steps, ...extra }), context);

describe('validation', () => {
  it('accepts a sound workflow', () => {
    expect(problems([step('a'), step('b', { dependencies: ['a'] })])).toEqual([]);
  });

  it('names what is wrong in a step\'s cache: an empty glob, a name that is no environment variable', () => {
    try {
      parseWorkflow({ name: 'ci', steps: [step('a', { cache: { inputs: [''], env: ['1BAD'] } })] }, 'ci.yaml');
      expect.unreachable('the cache should be refused');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).problems.map((problem) => [problem.field, problem.message])).toEqual([
        ['cache.inputs.0', 'an empty glob matches nothing'],
        ['cache.env.0', 'not an environment variable name (letters, digits and _, not starting with a digit)'],
      ]);
    }
  });

  it('takes cache: false (a step that always runs, whatever the workflow default) and says what to write for cache: true', () => {
    const parsed = parseWorkflow({ name: 'ci', cache: { inputs: ['src/**'] }, steps: [step('build'), step('deploy', { cache: false })] });
    expect(parsed.steps.map((s) => s.cache)).toEqual([undefined, false]);
    const refused = (cache: unknown): string[] => {
      try {
        parseWorkflow({ name: 'ci', steps: [step('a', { cache })] }, 'ci.yaml');
        return [];
      } catch (error) {
        return (error as ValidationError).problems.map((problem) => `${problem.field}: ${problem.message}`);
      }
    };
    expect(refused(true)).toEqual([expect.stringMatching(/^cache: true is not a cache: give \{ inputs/)]);
    expect(refused('yes')).toEqual(['cache: expected { inputs, outputs, env } settings, or false (always run)']);
    // Settings with a mistake inside still name the field inside, not "invalid input" for the whole cache.
    expect(refused({ inputs: 'src' })).toEqual(['cache.inputs: Invalid input: expected array, received string']);
  });

  it('names duplicate steps', () => {
    expect(problems([step('a'), step('a')])).toEqual([{ file: 'ci.yaml', step: 'a', field: 'name', message: 'duplicate step name "a"' }]);
  });

  it('names unknown dependencies, with a suggestion', () => {
    expect(problems([step('build'), step('test', { dependencies: ['buld'] })])[0]).toMatchObject({
      step: 'test', field: 'dependencies.0', message: 'unknown dependency "buld"',
    });
    expect(problems([step('build'), step('test', { dependencies: ['Build'] })])[0]!.message).toContain('did you mean "build"?');
  });

  it('names every step on a cycle', () => {
    const found = problems([step('a', { dependencies: ['c'] }), step('b', { dependencies: ['a'] }), step('c', { dependencies: ['b'] }), step('d')]);
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toMatch(/^dependency cycle: (a → b → c → a|b → c → a → b|c → a → b → c)$/);
  });

  it('names unknown modules and actions with what is known', () => {
    expect(problems([{ name: 'x', module: 'nope', action: 'run' }])[0]).toMatchObject({ step: 'x', field: 'module', message: expect.stringContaining('unknown module "nope" (known: ') });
    expect(problems([{ name: 'x', module: 'shell', action: 'walk' }])[0]).toMatchObject({ step: 'x', field: 'action', message: 'unknown action "walk" of module "shell" (known: run)' });
  });

  it("checks parameters against the action's schema", () => {
    expect(problems([{ name: 'x', module: 'shell', action: 'run', parameters: {} }])[0]).toMatchObject({ step: 'x', field: 'parameters.command' });
    expect(problems([{ name: 'x', module: 'control', action: 'delay', parameters: { seconds: 'soon' } }])[0]).toMatchObject({ step: 'x', field: 'parameters.seconds' });
  });

  it('checks templates: known params, set env, upstream steps and declared outputs', () => {
    const found = problems([
      step('a'),
      { name: 'wait', module: 'control', action: 'delay', parameters: { seconds: 0 } },
      step('b', { parameters: { command: 'echo ${{ params.missing }} ${{ env.NOPE_X }} ${{ steps.a.outputs.x }} ${{ steps.zz.outputs.x }} ${{ steps.wait.outputs.nothing }} ${{ bogus }}' }, dependencies: ['wait'] }),
    ]).map((p) => p.message);
    expect(found).toEqual([
      '${{ params.missing }}: the workflow declares no param "missing"',
      '${{ env.NOPE_X }}: environment variable NOPE_X is set neither in the workflow\'s env nor in the environment',
      '${{ steps.a.outputs.x }}: "a" is not among this step\'s dependencies, so its outputs may not exist yet',
      '${{ steps.zz.outputs.x }}: no step named "zz"',
      '${{ steps.wait.outputs.nothing }}: control.delay has no output "nothing" (it sets: waited)',
      '${{ bogus }} is not an expression (use steps.<name>.outputs.<key>, params.<key> or env.<KEY>)',
    ]);
  });

  it('accepts a templated value where the schema wants another type, to check it at run time', () => {
    expect(problems([{ name: 'w', module: 'control', action: 'delay', parameters: { seconds: '${{ params.s }}' } }], { params: { s: 1 } })).toEqual([]);
  });

  it('refuses unknown resources and requests that could never fit', () => {
    const found = problems([step('a', { resources: { gpu: 1 } }), step('b', { resources: { cpu: 3 } })], { resources: {} });
    expect(found[0]).toMatchObject({ step: 'a', field: 'resources.gpu', message: 'unknown resource "gpu" (known: cpu, memory)' });
    expect(found[1]).toMatchObject({ step: 'b', field: 'resources.cpu', message: 'needs 3 cores of "cpu" but its capacity is 2: it could never start' });
    expect(problems([step('a', { resources: { gpu: 1 } })], { resources: { gpu: 1 } })).toEqual([]);
  });

  it('needs a dependency for runWhen failure', () => {
    expect(problems([step('alert', { runWhen: 'failure' })])[0]).toMatchObject({ step: 'alert', field: 'runWhen' });
  });

  it('reports structural errors with the step and field', () => {
    try {
      parseWorkflow({ name: 'ci', steps: [step('ok'), { name: 'bad', module: 'shell', action: 'run', timeout: -1 }] }, 'ci.yaml');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).problems[0]).toMatchObject({ file: 'ci.yaml', step: 'bad', field: 'timeout' });
      expect((error as Error).message).toMatch(/^ci\.yaml: step "bad", field timeout: /);
    }
  });
});
