import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { SampleHistory } from '../../../../electron/engine/resources/sample-history.js';
import { ResourceMonitor } from '../../../../electron/engine/resources/resource-monitor.js';

const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
});

/** A step-like process group: a shell whose child burns CPU, as a real step's tree would. */
function busyGroup(): number {
  const child = spawn('sh', ['-c', `${JSON.stringify(process.execPath)} -e "const end = Date.now() + 20000; while (Date.now() < end);" & wait`], { detached: true, stdio: 'ignore' });
  children.push(child);
  return child.pid!;
}

const childrenOf = (pid: number) => readFileSync(`/proc/${pid}/task/${pid}/children`, 'latin1').trim().split(' ').filter(Boolean).map(Number);
const cpuTicks = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'latin1').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]);
};

describe('the resource monitor', () => {
  it('reports the machine: CPU per core and in total, memory and load', async () => {
    const monitor = new ResourceMonitor();
    const { system } = await monitor.sample();
    expect(system.cores.length).toBeGreaterThan(0);
    expect(system.cpu).toBeGreaterThanOrEqual(0);
    expect(system.cpu).toBeLessThanOrEqual(1);
    expect(system.memTotalMB).toBeGreaterThan(0);
    expect(system.memUsedMB).toBeGreaterThan(0);
    expect(system.memUsedMB).toBeLessThanOrEqual(system.memTotalMB);
    expect(system.load).toHaveLength(3);
  });

  it.runIf(process.platform === 'linux')('measures a running step across its whole process tree', async () => {
    const pid = busyGroup();
    const monitor = new ResourceMonitor({ runningProcesses: () => [{ executionId: 'run-1', step: 'burn', pid }] });
    await expect.poll(() => childrenOf(pid).length).toBe(1);
    const [busy] = childrenOf(pid);
    await monitor.sample();
    const before = { ticks: cpuTicks(busy!), at: Date.now() };
    await new Promise((resolve) => setTimeout(resolve, 600));
    const { steps, system } = await monitor.sample();
    // What the busy node got meanwhile, read beside the monitor: a core when idle, less on a loaded machine.
    const own = (cpuTicks(busy!) - before.ticks) / 100 / ((Date.now() - before.at) / 1000);
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({ executionId: 'run-1', step: 'burn' });
    // The shell and the busy node under it: the tree, not just the leader.
    expect(steps[0]!.processes).toBe(2);
    // How much CPU the machine gave the node is not asserted (a rate the load decides): that the monitor saw it, and
    // close to what /proc says it got, is.
    expect(steps[0]!.cpu).toBeGreaterThan(0);
    expect(steps[0]!.cpu).toBeGreaterThan(own * 0.7);
    expect(steps[0]!.memMB).toBeGreaterThan(5);
    expect(system.cpu).toBeGreaterThan(0);
  });

  it('leaves out a step whose processes have ended', async () => {
    const monitor = new ResourceMonitor({ runningProcesses: () => [{ executionId: 'run-1', step: 'gone', pid: 2 ** 22 + 12345 }] });
    expect((await monitor.sample()).steps).toEqual([]);
  });

  it('samples only while someone listens, and never keeps the process alive', async () => {
    const monitor = new ResourceMonitor({ intervalMs: 20 });
    const seen: number[] = [];
    const stop = monitor.subscribe((sample) => seen.push(sample.system.t));
    await expect.poll(() => seen.length).toBeGreaterThanOrEqual(2);
    stop();
    const count = seen.length;
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(seen.length).toBe(count);
  });
});

describe('the sample history', () => {
  it('keeps recent samples as they are and averages older ones into buckets, for at most the span', () => {
    const history = new SampleHistory<{ t: number; cpu: number; cores: number[] }>({ spanMs: 60_000, fullResolutionMs: 10_000, bucketMs: 5_000 });
    for (let second = 0; second <= 120; second++) history.add({ t: second * 1000, cpu: second % 2, cores: [second % 2, 1] });
    const points = history.points();
    expect(points[0]!.t).toBeGreaterThanOrEqual(60_000);
    const recent = points.filter((p) => p.t > 110_000);
    expect(recent).toHaveLength(10);
    const buckets = points.filter((p) => p.t < 110_000);
    expect(buckets.every((p) => p.t % 5_000 === 0)).toBe(true);
    expect(buckets.every((p) => p.cpu > 0 && p.cpu < 1)).toBe(true);
    expect(buckets[0]!.cores[1]).toBe(1);
    expect(points.length).toBeLessThan(30);
  });
});
