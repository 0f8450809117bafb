import { describe, expect, it } from 'vitest';
import { workflowNameProblem } from '../../../shared/workflow-name.js';

describe('the workflow name rule (engine and editor share it)', () => {
  it('accepts names a file system keeps as they are', () => {
    for (const name of ['ci', 'nightly-build', 'v1.2_release', 'Daten Import']) expect(workflowNameProblem(name), name).toBeNull();
  });

  it('says in one sentence what is wrong with the others', () => {
    expect(workflowNameProblem('a\\b')).toBe('"\\" cannot be in a workflow name (it becomes a file name): use letters, digits, "-", "_" or ".".');
    expect(workflowNameProblem('what?')).toBe('"?" cannot be in a workflow name (it becomes a file name): use letters, digits, "-", "_" or ".".');
    expect(workflowNameProblem('nul\u0000byte')).toBe('A workflow name cannot hold control characters (it becomes a file name).');
    expect(workflowNameProblem('a..b')).toBe('A workflow name cannot contain "..".');
    expect(workflowNameProblem('end.')).toBe('A workflow name cannot end with "." or a space.');
    expect(workflowNameProblem('x'.repeat(201))).toBe('A workflow name has at most 200 characters (this one has 201).');
  });
});
