// Issue 6's figure: what the resource monitor itself costs — CPU time per second of sampling, idle and with steps.
import { spawn } from 'node:child_process';
import { ResourceMonitor } from '../../dist/engine/index.js';

const SECONDS = 10;

/** Step-like process groups: a shell with a sleeping child each, as a running step's tree would be. */
function steps(count) {
  return Array.from({ length: count }, () => spawn('sh', ['-c', 'sleep 60 & wait'], { detached: true, stdio: 'ignore' }));
}

async function measure(running) {
  const children = steps(running);
  const monitor = new ResourceMonitor({ runningProcesses: () => children.map((c, i) => ({ executionId: 'bench', step: `s${i}`, pid: c.pid })) });
  const stop = monitor.subscribe(() => {});
  await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000 + 100));
  stop();
  for (const child of children) process.kill(-child.pid, 'SIGKILL');
  return { percent: monitor.ownCpuMicros / 1e6 / SECONDS * 100, samples: monitor.samples, perSample: monitor.ownCpuMicros / Math.max(1, monitor.samples) / 1000 };
}

export async function benchMonitor(print) {
  const idle = await measure(0);
  const busy = await measure(16);
  print(`resource monitor: its own CPU time over ${SECONDS} s of sampling at 1 Hz (aim ≤ 1% of a core)`, [
    `no steps running:  ${idle.percent.toFixed(3)}% of a core (${idle.perSample.toFixed(2)} ms a sample, ${idle.samples} samples)`,
    `16 steps running:  ${busy.percent.toFixed(3)}% of a core (${busy.perSample.toFixed(2)} ms a sample, each step's whole process tree)`,
  ].join('\n'));
}
