import { describe, expect, it } from 'vitest';
import { ProcessTable, type ProcessEntry } from '../../../../electron/engine/processes/process-tree.js';

const entry = (pid: number, ppid: number, pgid = pid, sid = pgid): ProcessEntry => ({ pid, ppid, pgid, sid, start: 0, ticks: 0, rssPages: 0 });

// A step (10, leading its session) with a child that moved to its own group (timeout: 11) and its child (12); an
// orphan left in the step's session after its parent exited (20, now under init); a setsid'd grandchild (30) still
// under the step; another step's tree (40, 41) and an unrelated process (50).
const table = new ProcessTable([
  entry(1, 0), entry(10, 1), entry(11, 10, 11, 10), entry(12, 11, 11, 10), entry(20, 1, 20, 10),
  entry(30, 10, 30, 30), entry(31, 30, 30, 30), entry(40, 1), entry(41, 40), entry(50, 1),
]);

describe('a step\'s process tree', () => {
  it('holds its descendants by parent links, whatever group or session they moved to', () => {
    expect([...table.tree({ pid: 10 })].sort((a, b) => a - b)).toEqual([10, 11, 12, 20, 30, 31]);
  });

  it('after the step\'s own process has exited: what is left in its session, not a new process that reused its pid', () => {
    const after = new ProcessTable([entry(1, 0), entry(10, 1, 5, 5), entry(11, 1, 11, 10), entry(12, 11, 11, 10), entry(99, 1)]);
    expect([...after.tree({ pid: 10, exited: true })].sort((a, b) => a - b)).toEqual([11, 12]);
  });

  it('is empty once every member has gone, and never holds another step\'s processes', () => {
    expect([...table.tree({ pid: 77 })]).toEqual([]);
    expect([...table.tree({ pid: 40 })].sort((a, b) => a - b)).toEqual([40, 41]);
  });
});
