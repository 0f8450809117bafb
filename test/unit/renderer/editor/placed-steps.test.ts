import { describe, expect, it } from 'vitest';
import { moveSteps, removeElements, updateStep } from '../../../../renderer/editor/graph-edits.js';
import { placedSteps } from '../../../../renderer/editor/placed-steps.js';
import { renameStep } from '../../../../renderer/editor/rename-step.js';
import { step, workflow } from './editor-fixtures.js';

describe('which edits place steps by hand (after them the canvas keeps its view)', () => {
  const before = workflow([step('a'), step('b', ['a'])]);

  it('adding or moving a step does', () => {
    expect(placedSteps(before, { ...before, steps: [...before.steps, step('c')] })).toBe(true);
    expect(placedSteps(before, moveSteps(before, new Map([['b', { x: 40, y: 0 }]])))).toBe(true);
  });

  it('renaming, deleting and changing a parameter do not', () => {
    expect(placedSteps(before, renameStep(before, 'b', 'bee'))).toBe(false);
    expect(placedSteps(before, removeElements(before, ['b']))).toBe(false);
    expect(placedSteps(before, updateStep(before, 'a', (s) => ({ ...s, parameters: { x: 1 } })))).toBe(false);
    expect(placedSteps(before, before)).toBe(false);
    expect(placedSteps(null, before)).toBe(false);
  });
});
