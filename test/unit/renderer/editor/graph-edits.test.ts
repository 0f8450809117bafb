import { describe, expect, it } from 'vitest';
import { connect, connectionRefusal, moveSteps, reconnect, removeElements } from '../../../../renderer/editor/graph-edits.js';
import { uniqueName } from '../../../../renderer/editor/step-names.js';
import { deps, names, step, workflow } from './editor-fixtures.js';

const chain = workflow([step('first'), step('second', ['first']), step('third', ['second'])]);

describe('graph edits', () => {
  it('connecting makes the target depend on the source, sharing every untouched step', () => {
    const result = connect(chain, { source: 'first', target: 'third' });
    if (!('workflow' in result)) throw new Error(result.refused);
    expect(deps(result.workflow, 'third')).toEqual(['second', 'first']);
    expect(result.workflow.steps[0]).toBe(chain.steps[0]);
    expect(chain.steps[2]!.dependencies).toEqual(['second']);
  });

  it('an edge that would close a cycle is refused, naming the steps on it in order', () => {
    expect(connectionRefusal(chain, { source: 'third', target: 'first' })).toBe('"first" after "third" would make a cycle: first → second → third → first');
  });

  it('a self-loop and a duplicate edge are refused with their reason', () => {
    expect(connectionRefusal(chain, { source: 'first', target: 'first' })).toBe('"first" cannot depend on itself');
    expect(connectionRefusal(chain, { source: 'first', target: 'second' })).toBe('"second" already depends on "first"');
  });

  it('deleting a step removes every dependency on it', () => {
    const result = removeElements(chain, ['second']);
    expect(names(result)).toEqual(['first', 'third']);
    expect(deps(result, 'third')).toEqual([]);
  });

  it('deleting an edge removes just that dependency', () => {
    expect(deps(removeElements(chain, [], [{ source: 'second', target: 'third' }]), 'third')).toEqual([]);
  });

  it('reconnecting moves an edge end, and refuses a cycle the new end would make', () => {
    const moved = reconnect(chain, { source: 'second', target: 'third' }, { source: 'first', target: 'third' });
    expect('workflow' in moved && deps(moved.workflow, 'third')).toEqual(['first']);
    expect(reconnect(chain, { source: 'first', target: 'second' }, { source: 'third', target: 'second' })).toEqual({ refused: expect.stringContaining('cycle') });
  });

  it('moving steps rounds to whole pixels and is no edit when nothing moved', () => {
    const moved = moveSteps(chain, new Map([['first', { x: 10.4, y: 20.6 }]]));
    expect(moved.steps[0]!.ui).toEqual({ x: 10, y: 21 });
    expect(moveSteps(chain, new Map([['first', { x: 0, y: 0 }]]))).toBe(chain);
  });

  it('new step names are unique: shell-run, shell-run-2, shell-run-3', () => {
    expect(uniqueName('shell-run', new Set())).toBe('shell-run');
    expect(uniqueName('shell-run', new Set(['shell-run']))).toBe('shell-run-2');
    expect(uniqueName('shell-run', new Set(['shell-run', 'shell-run-2']))).toBe('shell-run-3');
    expect(uniqueName('shell-run-2', new Set(['shell-run', 'shell-run-2']))).toBe('shell-run-3');
  });
});
