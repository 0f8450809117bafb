import { describe, expect, it } from 'vitest';
import type { WorkflowEntry } from '../../../../shared/ipc.js';
import { findSubflowChild, projectRelative } from '../../../../renderer/editor/subflow-child.js';
import { childRunText, progressOf } from '../../../../renderer/runs/child-run.js';
import { createLiveRunStore } from '../../../../renderer/runs/live-run-store.js';
import { execution, stepRun } from '../fixtures.js';
import { step } from './editor-fixtures.js';

const entry = (name: string, file: string, steps = 2): WorkflowEntry => ({ name, description: '', steps, file, revision: 'r', problems: [] });
const ENTRIES = [entry('lint', '/p/.codomyrmex/workflows/lint.yaml', 3), entry('other', '/p/tools/other.yml')];
const runs = (parameters: Record<string, unknown>) => step('sub', [], parameters, 'workflow', 'run');

describe('a subflow step\'s child workflow', () => {
  it('is found by its file relative to the project, written either way', () => {
    expect(findSubflowChild(runs({ file: '.codomyrmex/workflows/lint.yaml' }), ENTRIES, '/p')).toEqual({ entry: ENTRIES[0] });
    expect(findSubflowChild(runs({ file: './tools/other.yml' }), ENTRIES, '/p/')).toEqual({ entry: ENTRIES[1] });
    expect(findSubflowChild(runs({ file: 'tools\\other.yml' }), ENTRIES, '/p')).toEqual({ entry: ENTRIES[1] });
  });

  it('is found by name, and names what it looked for when the project has no such workflow', () => {
    expect(findSubflowChild(runs({ name: 'lint' }), ENTRIES, '/p')).toEqual({ entry: ENTRIES[0] });
    expect(findSubflowChild(runs({ file: 'gone.yaml' }), ENTRIES, '/p')).toEqual({ missing: 'gone.yaml' });
    expect(findSubflowChild(runs({}), ENTRIES, '/p')).toEqual({ missing: 'no file or name given' });
  });

  it('reads a path inside the project relative to it, and none outside', () => {
    expect(projectRelative('/p/a/b.yaml', '/p')).toBe('a/b.yaml');
    expect(projectRelative('/pq/b.yaml', '/p')).toBeNull();
  });
});

describe('a subflow step\'s child run', () => {
  it('counts n of m from the child run\'s own record when the engine gave no progress', () => {
    const store = createLiveRunStore();
    store.getState().loadExecution(execution('c1', { a: stepRun('succeeded'), b: stepRun('running'), c: stepRun('pending') }, { workflowName: 'lint', status: 'running' }));
    const progress = progressOf(store.getState().runs.get('c1'));
    expect(progress).toEqual({ executionId: 'c1', workflowName: 'lint', status: 'running', done: 1, total: 3 });
    expect(childRunText({ executionId: 'c1', progress })).toEqual({ short: '1/3 · running', long: '1 of 3 steps done, running (child run c1)' });
    expect(childRunText({ executionId: 'c1234567890', progress: null }).short).toBe('run c1234567');
  });
});
