// The groups a workflow's `ui.groups` holds, read leniently from a hand-edited file, and what a collapsed group says
// of its steps in a run.
import { describe, expect, it } from 'vitest';
import type { Workflow } from '../../../shared/model.js';
import { groupProgress, progressText, pruneGroups, readGroups, writeGroups } from '../../../shared/workflow-groups.js';

const wf = (groups: unknown, steps = ['a', 'b', 'c']): Workflow => ({
  version: 1, name: 'w', description: '', env: {}, params: {}, resources: {},
  steps: steps.map((name) => ({ name, module: 'control', action: 'noop', parameters: {}, dependencies: [], resources: {}, runWhen: 'success', continueOnError: false, priority: 'normal' })),
  ...(groups === undefined ? {} : { ui: { groups, zoom: 2 } }),
});
const g = (id: string, steps: unknown, extra: Record<string, unknown> = {}) => ({ id, name: `Group ${id}`, colour: 'blue', steps, collapsed: false, x: 0, y: 0, width: 100, height: 50, ...extra });

describe('reading ui.groups', () => {
  it('reads well-formed groups as they are', () => {
    expect(readGroups(wf([g('g1', ['a', 'b'], { collapsed: true, colour: 'red' })]))).toEqual({ groups: [g('g1', ['a', 'b'], { collapsed: true, colour: 'red' })], notices: [] });
    expect(readGroups(wf(undefined))).toEqual({ groups: [], notices: [] });
  });

  it('leaves out what it cannot use, saying what and why, and never throws', () => {
    const { groups, notices } = readGroups(wf([
      g('g1', ['a', 'gone']),
      g('g2', ['a', 'b']),
      g('g3', ['gone']),
      'nonsense',
      { id: 'g4', steps: ['c'] },
      g('g1', ['c']),
      g('g5', ['c'], { colour: 'chartreuse', name: '' }),
    ]));
    expect(groups.map(({ id, steps, name, colour }) => ({ id, steps, name, colour }))).toEqual([
      { id: 'g1', steps: ['a'], name: 'Group g1', colour: 'blue' },
      { id: 'g2', steps: ['b'], name: 'Group g2', colour: 'blue' },
      { id: 'g5', steps: ['c'], name: 'g5', colour: 'grey' },
    ]);
    expect(notices).toEqual([
      'group "Group g1" names step "gone", which the workflow does not have: left out of the group',
      'step "a" is in two groups: kept in the first only',
      'group "Group g3" names step "gone", which the workflow does not have: left out of the group',
      'group "Group g3" has no steps left: removed',
      'ui.groups[3] is not a map: left out',
      'group "g4" has no position and size (x, y, width, height): left out',
      'group id "g1" is used twice: the second one is left out',
    ]);
    expect(readGroups(wf({ not: 'a list' })).notices).toEqual(['ui.groups is not a list: no groups shown']);
  });

  it('writes groups back keeping the other ui keys, and drops ui.groups when none is left', () => {
    const written = writeGroups(wf(undefined), [g('g1', ['a']) as never]);
    expect(written.ui).toEqual({ groups: [g('g1', ['a'])] });
    expect(writeGroups(wf([g('g1', ['a'])]), []).ui).toEqual({ zoom: 2 });
    expect(writeGroups(written, []).ui).toBeUndefined();
    const clean = wf([g('g1', ['a'])]);
    expect(pruneGroups(clean)).toBe(clean);
    expect(pruneGroups(wf([g('g1', ['a', 'gone'])])).ui).toEqual({ zoom: 2, groups: [g('g1', ['a'])] });
  });
});

describe('a collapsed group in a run', () => {
  it('counts its steps by status, worst first, and says how many are done', () => {
    const progress = groupProgress(['running', 'failed', 'succeeded', 'running', 'cached', undefined, 'succeeded', 'pending', 'succeeded']);
    expect(progress.worst).toBe('failed');
    expect(progress).toMatchObject({ done: 4, total: 9 });
    expect(progressText(progress)).toBe('failed 1 · running 2 · 4 of 9');
    expect(progressText(groupProgress(['succeeded', 'cached']))).toBe('2 of 2');
    expect(groupProgress(['succeeded', 'skipped']).worst).toBe('skipped');
    expect(groupProgress([undefined]).worst).toBe('pending');
  });
});
