// Issue 15's figures: steps through BullMQ on a real Redis (unix socket) to real `codomyrmex worker` processes.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OrchestrationEngine } from '../../dist/engine/index.js';
import { layeredSteps } from './engine.mjs';

const BIN = new URL('../../bin/codomyrmex.js', import.meta.url).pathname;
const temp = (prefix) => mkdtempSync(join(tmpdir(), prefix));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(check, limitMs, what) {
  const end = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

function startRedis(dir) {
  const socket = join(dir, 'redis.sock');
  execFileSync('redis-server', ['--port', '0', '--unixsocket', socket, '--save', '', '--appendonly', 'no', '--dir', dir, '--pidfile', join(dir, 'redis.pid'), '--daemonize', 'yes', '--logfile', join(dir, 'redis.log')]);
  return { url: `unix://${socket}`, stop: () => process.kill(Number(readFileSync(join(dir, 'redis.pid'), 'utf8')), 'SIGKILL'), socket };
}

async function startWorker(url, concurrency, home) {
  const child = spawn(process.execPath, [BIN, 'worker', '--redis', url, '--concurrency', String(concurrency), '--workdir', home], { env: { ...process.env, CODOMYRMEX_HOME: home }, stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  child.stderr.on('data', (chunk) => (output += chunk));
  await waitFor(() => output.includes('serves pool'), 15_000, 'a worker');
  return child;
}

/** One Redis, `workers` × `slots` workers, an engine with the queue on; everything stopped after `use`. */
async function withCluster(workers, slots, use) {
  const dir = temp('cdx-bench-scale-');
  const redis = startRedis(dir);
  await waitFor(() => existsSync(redis.socket), 5_000, 'redis-server');
  const children = [];
  for (let i = 0; i < workers; i++) children.push(await startWorker(redis.url, slots, dir));
  const engine = new OrchestrationEngine({ home: join(dir, 'home') });
  await engine.queue.configure(redis.url);
  try {
    return await use({ engine, dir, children, url: redis.url });
  } finally {
    await engine.close();
    for (const child of children) child.kill('SIGKILL');
    redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function timedRun(engine, steps, cwd, concurrency) {
  engine.workflowManager.createWorkflow('bench', steps, { saveTo: false });
  const started = process.hrtime.bigint();
  const execution = await engine.runWorkflow(engine.workflowManager.getWorkflow('bench'), { cwd, ...(concurrency ? { concurrency } : {}) }).done;
  if (execution.status !== 'completed') throw new Error(`bench run ended ${execution.status}: ${execution.errors.join('; ')}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

async function localRun(steps, concurrency) {
  const home = temp('cdx-bench-home-');
  const engine = new OrchestrationEngine({ home });
  try {
    return await timedRun(engine, steps, home, concurrency);
  } finally {
    await engine.close();
    rmSync(home, { recursive: true, force: true });
  }
}

const chain = (length) => Array.from({ length }, (_, i) => ({ name: `n${i}`, module: 'control', action: 'noop', dependencies: i === 0 ? [] : [`n${i - 1}`] }));

export async function benchScale(print) {
  const CHAIN = 200;
  const local = median([await localRun(chain(CHAIN), 1), await localRun(chain(CHAIN), 1), await localRun(chain(CHAIN), 1)]);
  const queued = await withCluster(1, 1, async ({ engine, dir }) => median([await timedRun(engine, chain(CHAIN), dir), await timedRun(engine, chain(CHAIN), dir), await timedRun(engine, chain(CHAIN), dir)]));
  print(`queue overhead per step: a chain of ${CHAIN} control.noop steps, one worker`, `${((queued - local) / CHAIN).toFixed(2)} ms/step (${queued.toFixed(0)} ms queued vs ${local.toFixed(0)} ms here; goal ≤ 5 ms)`);

  const shell = layeredSteps(20, 20, (layer, i) => ({ module: 'shell', action: 'run', parameters: { command: `echo built-${layer}-${i}` } }));
  const here = median([await localRun(shell, 4), await localRun(shell, 4), await localRun(shell, 4)]);
  const there = await withCluster(2, 2, async ({ engine, dir }) => median([await timedRun(engine, shell, dir), await timedRun(engine, shell, dir), await timedRun(engine, shell, dir)]));
  print('400-step shell DAG: 2 local workers × 2 slots vs the engine alone at concurrency 4', `${there.toFixed(0)} ms vs ${here.toFixed(0)} ms: ${(there / here).toFixed(2)}× (median of 3; goal ≤ 1.5×)`);

  const recovery = await withCluster(2, 1, async ({ engine, dir, children }) => {
    const steps = [{ name: 'long', module: 'shell', action: 'run', parameters: { command: 'if [ -f started ]; then echo taken over; else echo $$ > started; exec sleep 60; fi' } }];
    engine.workflowManager.createWorkflow('takeover', steps, { saveTo: false });
    const handle = engine.runWorkflow(engine.workflowManager.getWorkflow('takeover'), { cwd: dir });
    await waitFor(() => handle.execution.steps.long.worker != null, 15_000, 'the step to be taken');
    // Killed once its command runs: a worker killed between taking the job and starting it left the other worker to
    // run the whole command (its 60 s sleep), which this figure then counted as recovery time.
    await waitFor(() => existsSync(join(dir, 'started')), 15_000, 'the step to start');
    const holder = children.find((child) => handle.execution.steps.long.worker.id.endsWith(`-${child.pid}`));
    const killed = Date.now();
    holder.kill('SIGKILL');
    const done = await handle.done;
    if (done.steps.long.outputs.stdout !== 'taken over\n') throw new Error(`the step was not taken over: ${JSON.stringify(done.steps.long)}`);
    return (Date.now() - killed) / 1000;
  });
  print('recovery after a worker SIGKILL: its step done on the other worker', `${recovery.toFixed(1)} s (lock 8 s, stalled check every 4 s; goal ≤ 15 s)`);

  const noops = layeredSteps(100, 100, () => ({ module: 'control', action: 'noop' }));
  const ms = await withCluster(2, 16, ({ engine, dir }) => timedRun(engine, noops, dir));
  print('10,000 control.noop steps through the queue (2 workers × 16 slots)', `${ms.toFixed(0)} ms: ${((10_000 * 1000) / ms).toFixed(0)} steps/s`);
}
