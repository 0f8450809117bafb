// Workflows whose steps run on `codomyrmex worker` processes: the same records as a local run, pools, retries,
// timeouts and live logs.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../../shared/events.js';
import type { StepRun, Workflow, WorkflowExecution } from '../../../shared/model.js';
import { isAlive } from '../../../electron/engine/processes/process-liveness.js';
import { newEngine, sh, tempDir, workflow } from '../../helpers.js';
import { startRedis, startWorker, waitFor } from '../../redis.js';

async function queueEngine(url: string) {
  const engine = newEngine();
  await engine.queue.configure(url);
  return engine;
}

/** A record as the user reads it, without times and places: what must match between a local and a queued run. */
function comparable(execution: WorkflowExecution) {
  const steps = Object.entries(execution.steps).map(([name, run]: [string, StepRun]) => [name, {
    status: run.status, attempts: run.attempts, exitCode: run.exitCode, error: run.error, outputs: run.outputs, reason: run.reason,
    log: run.logPath === null ? null : readFileSync(run.logPath, 'utf8'),
  }]);
  return { status: execution.status, errors: execution.errors, outcome: execution.outcome, steps: Object.fromEntries(steps) };
}

function diamond(): Workflow {
  return workflow([
    sh('a', 'echo A; echo x=1 >> "$CODOMYRMEX_OUTPUT"'),
    sh('b', 'echo "B ${{ steps.a.outputs.x }}"', { dependencies: ['a'] }),
    sh('c', 'echo C; exit 2', { dependencies: ['a'], continueOnError: true }),
    sh('d', 'echo D', { dependencies: ['b', 'c'] }),
  ], { name: 'diamond' });
}

/** Five layers of ten steps, each reading an output of every step of the layer above. */
function layered(): Workflow {
  const steps = [];
  for (let layer = 0; layer < 5; layer++) {
    for (let i = 0; i < 10; i++) {
      const above = layer === 0 ? [] : Array.from({ length: 10 }, (_, j) => `s${layer - 1}_${j}`);
      const reads = above.map((name) => `\${{ steps.${name}.outputs.v }}`).join('');
      steps.push(sh(`s${layer}_${i}`, `echo "v=${layer}${i}" >> "$CODOMYRMEX_OUTPUT"; echo "${reads}"`, { dependencies: above }));
    }
  }
  return workflow(steps, { name: 'layered' });
}

describe('a workflow over two workers', () => {
  it('records a diamond and a 50-step DAG exactly as a local run does, naming the worker of every step', async () => {
    const redis = await startRedis();
    await startWorker(redis.url);
    await startWorker(redis.url);
    const queued = await queueEngine(redis.url);
    const local = newEngine();
    for (const wf of [diamond(), layered()]) {
      const here = await local.runWorkflow(wf, { cwd: tempDir() }).done;
      const there = await queued.runWorkflow(wf, { cwd: tempDir() }).done;
      expect(comparable(there)).toEqual(comparable(here));
      expect(Object.values(here.steps).every((run) => run.worker == null)).toBe(true);
      const workers = Object.values(there.steps).map((run) => run.worker);
      expect(workers.every((worker) => worker?.pool === 'default')).toBe(true);
      // Stored as shown: the record read back names the same workers.
      expect(Object.values(queued.getExecution(there.executionId)!.steps).map((run) => run.worker)).toEqual(workers);
      if (wf.name === 'layered') expect(new Set(workers.map((worker) => worker!.id)).size).toBe(2);
    }
  }, 60_000);

  it('routes steps to their pool; a pool without workers keeps its step queued, saying so, until one starts', async () => {
    const redis = await startRedis();
    await startWorker(redis.url);
    const engine = await queueEngine(redis.url);
    const events: EngineEvent[] = [];
    engine.events.on((event) => void events.push(event));
    const wf = workflow([sh('prepare', 'echo ready'), sh('train', 'echo trained', { dependencies: ['prepare'], runsOn: 'gpu' }), sh('here', 'echo local', { runsOn: 'local' })], { name: 'pools' });
    const handle = engine.runWorkflow(wf, { cwd: tempDir() });
    await waitFor(() => handle.execution.steps.train!.status === 'queued', 15_000, 'train to wait');
    expect(handle.execution.steps.train!.reason).toBe('no worker in pool gpu');
    expect(engine.queue.workersStatus().waiting).toEqual([{ pool: 'gpu', executionId: handle.executionId, step: 'train' }]);
    await startWorker(redis.url, { pool: 'gpu' });
    const done = await handle.done;
    expect(done.status).toBe('completed');
    expect(done.steps.prepare!.worker?.pool).toBe('default');
    expect(done.steps.train!.worker?.pool).toBe('gpu');
    expect(done.steps.train!.outputs.stdout).toBe('trained\n');
    expect(done.steps.here!.worker ?? null).toBeNull();
    const trainStates = events.flatMap((e) => (e.type === 'step.updated' && e.step === 'train' ? [`${e.run.status}${e.run.reason ? `: ${e.run.reason}` : ''}`] : []));
    expect(trainStates).toContain('queued: no worker in pool gpu');
    expect(trainStates.at(-1)).toBe('succeeded');
    // The list is read once a second from the workers' heartbeats.
    await expect.poll(() => engine.workers().map((worker) => worker.pool).sort(), { timeout: 3_000 }).toEqual(['default', 'gpu']);
    await expect.poll(() => engine.workers().find((worker) => worker.pool === 'gpu'), { timeout: 3_000 })
      .toMatchObject({ slots: 2, running: [], resources: { cpu: expect.any(Number), memory: expect.any(Number) } });
  }, 40_000);

  it('retries a failed attempt and times out a step on a worker, ending its process', async () => {
    const redis = await startRedis();
    await startWorker(redis.url);
    const engine = await queueEngine(redis.url);
    const dir = tempDir();
    const wf = workflow([
      sh('flaky', 'if [ -f tried ]; then echo second; else touch tried; echo first; exit 1; fi', { retry: { count: 2, delay: 0.1, backoff: 1 } }),
      sh('slow', 'echo $$ > slow.pid; exec sleep 30', { timeout: 1 }),
    ], { name: 'faults' });
    const done = await engine.runWorkflow(wf, { cwd: dir }).done;
    expect(done.steps.flaky).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(readFileSync(done.steps.flaky!.logPath!, 'utf8')).toBe('first\n\n--- attempt 2 ---\nsecond\n');
    expect(done.steps.slow).toMatchObject({ status: 'failed', attempts: 1, error: 'timed out after 1s' });
    const pid = Number(readFileSync(join(dir, 'slow.pid'), 'utf8'));
    expect(isAlive(pid)).toBe(false);
  }, 30_000);

  it("admits steps' resources by what their worker declares, and refuses a request it can never meet", async () => {
    const redis = await startRedis();
    await startWorker(redis.url, { pool: 'gpu', concurrency: 2, resources: 'cores=2,memory=1G,gpu=1' });
    const engine = await queueEngine(redis.url);
    const dir = tempDir();
    const use = (name: string) => sh(name, `echo "${name} start $(date +%s%N)" >> uses; sleep 0.3; echo "${name} end $(date +%s%N)" >> uses`, { resources: { gpu: 1 } });
    const wf = workflow([use('one'), use('two'), sh('greedy', 'true', { resources: { gpu: 2 } })], { name: 'gpus', runsOn: 'gpu' });
    const done = await engine.runWorkflow(wf, { cwd: dir }).done;
    expect(done.steps.one!.status).toBe('succeeded');
    expect(done.steps.two!.status).toBe('succeeded');
    expect(done.steps.greedy).toMatchObject({ status: 'failed', error: expect.stringMatching(/has 1 unit of gpu; the step needs 2$/) });
    // One gpu: the two steps never overlap.
    const events = readFileSync(join(dir, 'uses'), 'utf8').trim().split('\n').map((line) => line.split(' '));
    expect(events.map(([, what]) => what)).toEqual(['start', 'end', 'start', 'end']);
    expect(events[0]![0]).toBe(events[1]![0]);
  }, 30_000);

  it("runs a step in its project's folder when the worker's machine has it, else under --workdir in the project's name", async () => {
    const redis = await startRedis();
    const workdir = tempDir();
    await startWorker(redis.url, { workdir });
    const engine = await queueEngine(redis.url);
    const wf = workflow([sh('where', 'pwd')], { name: 'where' });
    const here = tempDir();
    expect((await engine.runWorkflow(wf, { cwd: here }).done).steps.where!.outputs.stdout).toBe(`${here}\n`);
    const elsewhere = join(here, 'not-on-this-machine', 'web-shop');
    expect((await engine.runWorkflow(wf, { cwd: elsewhere }).done).steps.where!.outputs.stdout).toBe(`${join(workdir, 'web-shop')}\n`);
  }, 30_000);

  it("streams a worker's step output live, in order, into the step's log", async () => {
    const redis = await startRedis();
    await startWorker(redis.url);
    const engine = await queueEngine(redis.url);
    const release = engine.logTailer.acquire();
    const live: string[] = [];
    let whileRunning = 0;
    engine.events.on((event) => {
      if (event.type !== 'step.log') return;
      live.push(event.text);
      if (!existsSync(join(dir, 'finished'))) whileRunning++;
    });
    const dir = tempDir();
    const wf = workflow([sh('talk', 'for i in $(seq 1 40); do echo "line $i"; sleep 0.02; done; touch finished')], { name: 'talk' });
    const done = await engine.runWorkflow(wf, { cwd: dir }).done;
    release();
    const expected = Array.from({ length: 40 }, (_, i) => `line ${i + 1}\n`).join('');
    expect(readFileSync(done.steps.talk!.logPath!, 'utf8')).toBe(expected);
    expect(live.join('')).toBe(expected);
    expect(whileRunning).toBeGreaterThan(1);
  }, 30_000);
});
