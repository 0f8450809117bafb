import { describe, expect, it } from 'vitest';
import { renameStep } from '../../../../renderer/editor/rename-step.js';
import { deps, step, workflow } from './editor-fixtures.js';

describe('renaming a step', () => {
  const before = workflow([
    step('build'),
    step('test', ['build'], { command: 'echo ${{ steps.build.outputs.exitCode }} ${{steps.build.outputs.stdout}}', env: { A: '${{ steps.build.outputs.x }}' }, list: ['${{ steps.build.outputs.y }}'] }),
    step('other', [], { command: 'echo ${{ steps.builder.outputs.x }} ${{ params.build }}' }),
  ]);
  const after = renameStep(before, 'build', 'compile');

  it('renames the step itself', () => {
    expect(after.steps[0]!.name).toBe('compile');
  });

  it('rewrites the dependencies that point at it', () => {
    expect(deps(after, 'test')).toEqual(['compile']);
  });

  it('rewrites ${{ steps.<old>.outputs.<key> }} references everywhere in other steps\' parameters', () => {
    expect(after.steps[1]!.parameters).toEqual({
      command: 'echo ${{ steps.compile.outputs.exitCode }} ${{steps.compile.outputs.stdout}}',
      env: { A: '${{ steps.compile.outputs.x }}' },
      list: ['${{ steps.compile.outputs.y }}'],
    });
  });

  it('leaves references to other steps, params with the same name and unrelated steps untouched', () => {
    expect(after.steps[2]).toBe(before.steps[2]);
  });
});
