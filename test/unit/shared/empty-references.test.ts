import { describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '../../../electron/engine/actions/builtin.js';
import { emptyReferenceNotes } from '../../../shared/empty-references.js';
import { parseWorkflow } from '../../../shared/workflow-schema.js';

const step = (name: string, command: string, extra: Record<string, unknown> = {}) => ({ name, module: 'shell', action: 'run', parameters: { command }, ...extra });
const notes = (steps: unknown[]) => emptyReferenceNotes(parseWorkflow({ name: 'ci', steps }), createBuiltinRegistry(), 'ci.yaml');

describe('references that can read empty', () => {
  it('names a runWhen: always step reading a step that may fail or be skipped', () => {
    expect(notes([step('test', 'npm test'), step('report', 'echo ${{ steps.test.outputs.exitCode }} ${{ steps.test.outputs.summary }}', { dependencies: ['test'], runWhen: 'always' })])).toEqual([
      { file: 'ci.yaml', step: 'report', field: 'parameters.command', message: '${{ steps.test.outputs.exitCode }} is empty when "test" is skipped (this step has runWhen: always)' },
      { file: 'ci.yaml', step: 'report', field: 'parameters.command', message: '${{ steps.test.outputs.summary }} is empty when "test" is skipped, or fails before setting it (this step has runWhen: always)' },
    ]);
  });

  it('says nothing of steps that run only after the referenced one succeeded, even through a chain', () => {
    expect(notes([step('a', 'true'), step('b', 'true', { dependencies: ['a'] }), step('c', 'echo ${{ steps.a.outputs.stdout }}', { dependencies: ['b'] })])).toEqual([]);
  });

  it('names a step after a continueOnError one, or after a runWhen: always one in between', () => {
    expect(notes([step('a', 'true', { continueOnError: true }), step('b', 'echo ${{ steps.a.outputs.exitCode }}', { dependencies: ['a'] })])[0]!.message).toContain('"a" has continueOnError');
    const chain = notes([step('a', 'true'), step('b', 'true', { dependencies: ['a'], runWhen: 'always' }), step('c', 'echo ${{ steps.a.outputs.exitCode }}', { dependencies: ['b'] })]);
    expect(chain[0]!.message).toContain('this step can run without "a" succeeding');
  });
});
