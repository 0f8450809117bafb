import { describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '../../../electron/engine/actions/builtin.js';
import type { Workflow, WorkflowStep } from '../../../shared/model.js';
import { convertToSubflow, unpackSubflow } from '../../../shared/subflow-transform.js';
import { resolveTemplates } from '../../../shared/templating.js';
import { validateWorkflow, type ValidationContext } from '../../../shared/validate.js';
import { parseWorkflow } from '../../../shared/workflow-schema.js';

const context: ValidationContext = { catalog: createBuiltinRegistry(), resourceCapacities: new Map(), env: {} };
const CHILD = { name: 'middle', file: '.codomyrmex/workflows/middle.yaml' };

const step = (name: string, command: string, dependencies: string[] = [], at = 0): Record<string, unknown> =>
  ({ name, module: 'shell', action: 'run', parameters: { command }, dependencies, ui: { x: at * 200, y: 40 } });

/** Six steps: a → b → c → d → e, f beside; b, c, d read outputs across their edges and a param. */
function sixSteps(): Workflow {
  return parseWorkflow({
    name: 'six',
    params: { greeting: { default: 'hi' } },
    steps: [
      step('a', 'echo n=1 >> "$CODOMYRMEX_OUTPUT"', [], 0),
      step('b', 'echo ${{ steps.a.outputs.n }} ${{ params.greeting }}', ['a'], 1),
      step('c', 'echo ${{ steps.b.outputs.stdout }}', ['b'], 2),
      step('d', 'echo m=${{ steps.a.outputs.n }} >> "$CODOMYRMEX_OUTPUT"', ['c', 'a'], 3),
      step('e', 'echo ${{ steps.d.outputs.m }} ${{ steps.c.outputs.exitCode }}', ['d'], 4),
      step('f', 'true', [], 5),
    ],
  });
}

const convert = (workflow: Workflow, steps: string[]) => {
  const result = convertToSubflow(workflow, { steps, child: CHILD });
  if ('refused' in result) throw new Error(result.refused);
  return result;
};
const stepOf = (workflow: Workflow, name: string): WorkflowStep => workflow.steps.find((candidate) => candidate.name === name)!;
const withoutPositions = (workflow: Workflow) => ({ ...workflow, steps: workflow.steps.map(({ ui: _ui, ...rest }) => rest) });

describe('convert to subflow', () => {
  it('moves the selected steps into a child workflow run by one workflow.run step, in their place', () => {
    const { parent, child, step } = convert(sixSteps(), ['b', 'c', 'd']);
    expect(step).toBe('middle');
    expect(parent.steps.map((s) => s.name)).toEqual(['a', 'middle', 'e', 'f']);
    expect(child.steps.map((s) => s.name)).toEqual(['b', 'c', 'd']);
    expect(stepOf(parent, 'middle')).toMatchObject({ module: 'workflow', action: 'run', dependencies: ['a'], ui: { x: 400, y: 40 } });
    expect(stepOf(parent, 'e').dependencies).toEqual(['middle']);
  });

  it('turns a reference to a step outside into a child param the subflow step passes, and passes params through', () => {
    const { parent, child } = convert(sixSteps(), ['b', 'c', 'd']);
    expect(stepOf(parent, 'middle').parameters).toEqual({
      file: CHILD.file,
      params: { a_n: '${{ steps.a.outputs.n }}', greeting: '${{ params.greeting }}' },
    });
    expect(Object.keys(child.params)).toEqual(['a_n', 'greeting']);
    expect(child.params.greeting).toEqual({ default: 'hi' });
    expect(stepOf(child, 'b').parameters.command).toBe('echo ${{ params.a_n }} ${{ params.greeting }}');
    expect(stepOf(child, 'c').parameters.command).toBe('echo ${{ steps.b.outputs.stdout }}');
    expect(stepOf(child, 'd')).toMatchObject({ dependencies: ['c'], parameters: { command: 'echo m=${{ params.a_n }} >> "$CODOMYRMEX_OUTPUT"' } });
  });

  it('turns a reference from outside to a moved step into one through the subflow step\'s outputs', () => {
    const { parent } = convert(sixSteps(), ['b', 'c', 'd']);
    expect(stepOf(parent, 'e').parameters.command).toBe('echo ${{ steps.middle.outputs.steps.d.m }} ${{ steps.middle.outputs.steps.c.exitCode }}');
  });

  it('gives a parent and a child that both validate, and a reference that resolves to the child step\'s output', () => {
    const { parent, child } = convert(sixSteps(), ['b', 'c', 'd']);
    expect(validateWorkflow(parent, context)).toEqual([]);
    expect(validateWorkflow(child, context)).toEqual([]);
    const scope = { steps: { middle: { executionId: 'x', status: 'completed', steps: { c: { exitCode: 0 }, d: { m: '1' } } } }, params: {}, env: {} };
    expect(resolveTemplates(stepOf(parent, 'e').parameters, scope)).toEqual({ command: 'echo 1 0' });
  });

  it('refuses a selection whose replacement would close a cycle, naming the step in between', () => {
    const result = convertToSubflow(sixSteps(), { steps: ['b', 'd'], child: CHILD });
    expect(result).toEqual({ refused: expect.stringContaining('"c" depends on a selected step and a selected step depends on it') });
  });

  it('refuses an empty selection and unknown steps', () => {
    expect(convertToSubflow(sixSteps(), { steps: [], child: CHILD })).toEqual({ refused: 'select the steps to move into a subflow first' });
    expect(convertToSubflow(sixSteps(), { steps: ['zz'], child: CHILD })).toEqual({ refused: 'no step named "zz"' });
  });

  it('names the subflow step apart from an existing step of the same name', () => {
    const { step } = convert(sixSteps(), ['b', 'c']);
    expect(convertToSubflow(sixSteps(), { steps: ['f'], child: { name: 'a', file: 'a.yaml' } })).toMatchObject({ step: 'a-2' });
    expect(step).toBe('middle');
  });
});

describe('unpack', () => {
  it('restores the original workflow exactly after a convert (round trip)', () => {
    const original = sixSteps();
    for (const selection of [['b', 'c', 'd'], ['a', 'b'], ['d', 'e'], ['f'], ['a', 'b', 'c', 'd', 'e', 'f']]) {
      const { parent, child, step } = convert(original, selection);
      const back = unpackSubflow(parent, step, child);
      if ('refused' in back) throw new Error(back.refused);
      expect(back.workflow, selection.join(',')).toEqual(original);
    }
  });

  it('restores every step of a selection that was not one run of the list, moved to the subflow step\'s place in it', () => {
    const original = sixSteps();
    const { parent, child, step } = convert(original, ['a', 'f']);
    const back = unpackSubflow(parent, step, child);
    if ('refused' in back) throw new Error(back.refused);
    expect(back.workflow.steps.map((s) => s.name)).toEqual(['a', 'f', 'b', 'c', 'd', 'e']);
    expect(new Map(back.workflow.steps.map((s) => [s.name, s]))).toEqual(new Map(original.steps.map((s) => [s.name, s])));
  });

  it('restores the graph modulo positions after the subflow step moved, centring the steps where it stands', () => {
    const original = sixSteps();
    const { parent, child, step } = convert(original, ['b', 'c', 'd']);
    const moved = { ...parent, steps: parent.steps.map((s) => (s.name === step ? { ...s, ui: { ...s.ui, x: 1000, y: 500 } } : s)) };
    const back = unpackSubflow(moved, step, child);
    if ('refused' in back) throw new Error(back.refused);
    expect(withoutPositions(back.workflow)).toEqual(withoutPositions(original));
    // Centred where the subflow step stands, as convert centred it on them.
    expect(stepOf(back.workflow, 'b').ui).toEqual({ x: 800, y: 500 });
    expect(stepOf(back.workflow, 'd').ui).toEqual({ x: 1200, y: 500 });
  });

  it('unpacks a hand-written subflow: roots take its dependencies, dependents the leaves, params their passed values', () => {
    const child = parseWorkflow({
      name: 'sub', params: { who: {}, n: { default: 3 } },
      steps: [step('x', 'echo ${{ params.who }} ${{ params.n }}'), step('y', 'true', ['x'])],
    });
    const parent = parseWorkflow({
      name: 'top',
      steps: [
        step('first', 'true'),
        { name: 'sub', module: 'workflow', action: 'run', parameters: { name: 'sub', params: { who: '${{ steps.first.outputs.stdout }}' } }, dependencies: ['first'] },
        step('last', 'echo ${{ steps.sub.outputs.steps.y.exitCode }}', ['sub']),
      ],
    });
    const back = unpackSubflow(parent, 'sub', child);
    if ('refused' in back) throw new Error(back.refused);
    expect(back.workflow.steps.map((s) => [s.name, s.dependencies])).toEqual([['first', []], ['x', ['first']], ['y', ['x']], ['last', ['y']]]);
    expect(stepOf(back.workflow, 'x').parameters.command).toBe('echo ${{ steps.first.outputs.stdout }} 3');
    expect(stepOf(back.workflow, 'last').parameters.command).toBe('echo ${{ steps.y.outputs.exitCode }}');
    expect(validateWorkflow(back.workflow, context)).toEqual([]);
  });

  it('keeps a passed value\'s type where the param was the whole value', () => {
    const child = parseWorkflow({ name: 'sub', params: { t: {} }, steps: [{ name: 'w', module: 'shell', action: 'run', parameters: { command: 'true', timeoutSeconds: '${{ params.t }}' } }] });
    const parent = parseWorkflow({ name: 'top', steps: [{ name: 'sub', module: 'workflow', action: 'run', parameters: { name: 'sub', params: { t: 5 } } }] });
    const back = unpackSubflow(parent, 'sub', child);
    expect('workflow' in back && back.workflow.steps[0]!.parameters).toEqual({ command: 'true', timeoutSeconds: 5 });
  });

  it('refuses when a step reads an output of the subflow step itself, or a step name is taken', () => {
    const { parent, child, step } = convert(sixSteps(), ['b', 'c', 'd']);
    const reading = { ...parent, steps: parent.steps.map((s) => (s.name === 'e' ? { ...s, parameters: { command: 'echo ${{ steps.middle.outputs.status }}' } } : s)) };
    expect(unpackSubflow(reading, step, child)).toEqual({ refused: expect.stringContaining('"e" reads ${{ steps.middle.outputs.status }}, which names no step of middle') });
    const clashing = { ...child, steps: [...child.steps, { ...child.steps[0]!, name: 'f' }] };
    expect(unpackSubflow(parent, step, clashing)).toEqual({ refused: '"f" is a step of both six and middle: rename one first' });
    expect(unpackSubflow(parent, 'a', child)).toEqual({ refused: '"a" is a shell.run step, not a subflow' });
  });
});
