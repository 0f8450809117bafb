import { spawn } from 'node:child_process';
import { describe, expect, it, vi } from 'vitest';
import { killTreesNow, memberPids, PROCESS_TAG, processesSince, ProcessTable, signalTrees, type ProcessEntry } from '../../../../electron/engine/processes/process-tree.js';

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

describe.runIf(process.platform === 'linux')('a pass over /proc for a young tree', () => {
  it('reads only the processes from its root\'s pid to the last one started (no thread among them), and all of them when that is not sure', async () => {
    const since = processesSince();
    const child = spawn('sh', ['-c', 'sleep 30 & echo $!; wait'], { stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      const grandchild = Number(await new Promise<string>((resolve) => child.stdout!.once('data', (data: Buffer) => resolve(String(data)))));
      const root = { pid: child.pid!, since };
      const range = memberPids([root])!;
      expect(range.from).toBe(child.pid);
      expect(range.to).toBeGreaterThanOrEqual(grandchild);
      const table = ProcessTable.read(range);
      expect([...table.tree(root)].sort((a, b) => a - b)).toEqual([child.pid!, grandchild].sort((a, b) => a - b));
      // This older process is not read (unless pids wrapped round between the two starts).
      if (process.pid < child.pid!) expect(table.get(process.pid)).toBeUndefined();
      // No start time to bound the time pids had to wrap round in, or a root newer than the last pid handed out.
      expect(memberPids([{ pid: child.pid! }])).toBeNull();
      expect(memberPids([{ pid: 2 ** 31 - 1, since }])).toBeNull();
      expect(memberPids([root, { pid: 1, since: 1 }])).toBeNull();
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('finds a member that left by setsid and lost its parent, through its tag, in a session made since', async () => {
    const since = processesSince();
    const tag = `test-${process.pid}-${Date.now()}`;
    // Started as the engine starts a step: leading its own session.
    const child = spawn('sh', ['-c', 'setsid sleep 30 & echo $!'], { stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, [PROCESS_TAG]: tag }, detached: true });
    // Its exit can come before its output is read: listened for from the start, or a late listener waits forever.
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const daemon = Number(await new Promise<string>((resolve) => child.stdout!.once('data', (data: Buffer) => resolve(String(data)))));
    try {
      await exited;
      const root = { pid: child.pid!, since, tag, exited: true };
      // Read from the tree's pids up (when this machine has not started too many processes since for that to be sure).
      expect([...ProcessTable.read(memberPids([root])).tree(root)]).toEqual([daemon]);
      expect([...ProcessTable.read().tree(root)]).toEqual([daemon]);
    } finally {
      process.kill(daemon, 'SIGKILL');
    }
  });
});

describe('a root whose command never started (pid -1)', () => {
  it('has no tree and is never signalled as a group: -(-1) is init, 0 this process\'s own group, -1 every process', () => {
    // process.kill is replaced for this test alone, so that a regression records its calls instead of signalling
    // init or this test's own group.
    const calls: number[] = [];
    const spy = vi.spyOn(process, 'kill').mockImplementation((pid: number) => {
      calls.push(pid);
      return true;
    });
    try {
      expect(signalTrees([{ pid: -1, since: processesSince() }], 'SIGTERM')).toBe(0);
      killTreesNow([{ pid: -1, since: processesSince() }, { pid: 0 }, { pid: 1 }]);
    } finally {
      spy.mockRestore();
    }
    expect(calls).toEqual([]);
  });
});
