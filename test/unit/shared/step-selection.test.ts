import { describe, expect, it } from 'vitest';
import type { ValidationError } from '../../../shared/errors.js';
import { describeSelection, neededInputs, selectedSteps } from '../../../shared/step-selection.js';
import { sh, workflow } from '../../helpers.js';

// a → b → d, a → c → d, d → e; e also reads a's outputs without depending on it directly.
const WF = workflow([
  sh('a', 'true'),
  sh('b', 'true', { dependencies: ['a'] }),
  sh('c', 'true', { dependencies: ['a'] }),
  sh('d', 'true', { dependencies: ['b', 'c'] }),
  sh('e', 'echo ${{ steps.a.outputs.x }}', { dependencies: ['d'] }),
], { name: 'wide' });

describe('step selection', () => {
  it('selects a step only, from a step (downstream), or up to a step (upstream), in workflow order', () => {
    expect(selectedSteps(WF, { mode: 'only', steps: ['d', 'b'] })).toEqual(['b', 'd']);
    expect(selectedSteps(WF, { mode: 'from', steps: ['c'] })).toEqual(['c', 'd', 'e']);
    expect(selectedSteps(WF, { mode: 'to', steps: ['d'] })).toEqual(['a', 'b', 'c', 'd']);
  });

  it('needs the left-out steps a selected step depends on or reads, referenced ones included', () => {
    expect(neededInputs(WF, ['e'])).toEqual(new Map([['e', ['d', 'a']]]));
    expect(neededInputs(WF, ['c', 'd', 'e'])).toEqual(new Map([['c', ['a']], ['d', ['b']], ['e', ['a']]]));
    expect(neededInputs(WF, ['a', 'b'])).toEqual(new Map());
  });

  it('refuses unknown steps and a from/to naming more than one, with every problem', () => {
    expect(() => selectedSteps(WF, { mode: 'only', steps: ['x'] }, 'wide.yaml')).toThrow('wide.yaml: field selection: unknown step "x" in wide (its steps: a, b, c, d, e)');
    const error = (() => {
      try {
        selectedSteps(WF, { mode: 'to', steps: ['a', 'y'] });
      } catch (caught) {
        return caught as ValidationError;
      }
      return null;
    })();
    expect(error?.problems.map((problem) => problem.message)).toEqual(['"to" takes one step, got 2 (a, y)', 'unknown step "y" in wide (its steps: a, b, c, d, e)']);
  });

  it('says in one line what runs and which run the rest comes from', () => {
    expect(describeSelection({ mode: 'from', steps: ['c'], selected: ['c', 'd', 'e'], sourceExecutionId: 'run-1' }, 5, ['a', 'b'], '01:02:03'))
      .toBe('Run from here "c": 3 of 5 steps run, the others are not selected; the outputs of "a", "b" come from run run-1, which ended 01:02:03');
    expect(describeSelection({ mode: 'to', steps: ['b'], selected: ['a', 'b'], sourceExecutionId: null }, 5, [], null))
      .toBe('Run up to here "b": 2 of 5 steps run, the others are not selected; nothing is read from an earlier run');
  });
});
