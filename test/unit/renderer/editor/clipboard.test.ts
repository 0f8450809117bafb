import { describe, expect, it } from 'vitest';
import { copySteps, parseClipboard, pasteSteps } from '../../../../renderer/editor/clipboard.js';
import { deps, names, step, workflow } from './editor-fixtures.js';

const source = workflow([
  { ...step('fetch'), ui: { x: 100, y: 50 } },
  { ...step('build', ['fetch'], { command: 'make ${{ steps.fetch.outputs.dir }}' }), ui: { x: 400, y: 50 } },
  { ...step('test', ['build', 'outside'], { command: 'test ${{ steps.build.outputs.exitCode }} ${{ steps.outside.outputs.x }}' }), ui: { x: 700, y: 50 } },
  step('outside'),
]);

describe('the clipboard', () => {
  const copied = copySteps(source, ['fetch', 'build', 'test']);

  it('keeps the dependencies inside the selection and drops those to steps outside it', () => {
    expect(copied.steps.map((s) => s.dependencies)).toEqual([[], ['fetch'], ['build']]);
  });

  it('pastes under fresh unique names, renaming references inside the pasted set consistently', () => {
    const { workflow: pasted, names: added } = pasteSteps(source, copied, { x: 0, y: 300 });
    expect(added).toEqual(['fetch-2', 'build-2', 'test-2']);
    expect(deps(pasted, 'build-2')).toEqual(['fetch-2']);
    expect(deps(pasted, 'test-2')).toEqual(['build-2']);
    expect(pasted.steps.find((s) => s.name === 'build-2')!.parameters.command).toBe('make ${{ steps.fetch-2.outputs.dir }}');
    // A reference to a step outside the copy still names that step.
    expect(pasted.steps.find((s) => s.name === 'test-2')!.parameters.command).toBe('test ${{ steps.build-2.outputs.exitCode }} ${{ steps.outside.outputs.x }}');
  });

  it('keeps the group\'s shape with its top-left corner where it is pasted', () => {
    const { workflow: pasted } = pasteSteps(source, copied, { x: 0, y: 300 });
    expect(pasted.steps.slice(-3).map((s) => s.ui)).toEqual([{ x: 0, y: 300 }, { x: 300, y: 300 }, { x: 600, y: 300 }]);
  });

  it('pastes into another workflow under the original names where they are free', () => {
    const { names: added } = pasteSteps(workflow([step('fetch')]), copied, { x: 0, y: 0 });
    expect(added).toEqual(['fetch-2', 'build', 'test']);
  });

  it('round-trips through the system clipboard as JSON, and ignores any other text', () => {
    expect(parseClipboard(JSON.stringify(copied))).toEqual(copied);
    expect(parseClipboard('hello')).toBeNull();
    expect(parseClipboard('{"kind":"other"}')).toBeNull();
    expect(names(source)).toHaveLength(4);
  });
});
