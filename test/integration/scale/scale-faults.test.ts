// Faults of a run over workers: a worker killed mid-step, Redis killed and restarted, Ctrl-C of `run --redis`, and the
// engine killed outright. Real processes everywhere; a zombie counts as gone.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAlive } from '../../../electron/engine/processes/process-liveness.js';
import { BIN } from '../../cli.js';
import { newEngine, sh, tempDir, workflow } from '../../helpers.js';
import { startRedis, startWorker, waitFor } from '../../redis.js';

const pidIn = (file: string): number => Number(readFileSync(file, 'utf8'));
const written = (file: string): boolean => existsSync(file) && readFileSync(file, 'utf8').endsWith('\n');

describe('faults of a run over workers', () => {
  it("takes a killed worker's step to the other worker within 15 s, the killed step's process gone within 2 s", async () => {
    const redis = await startRedis();
    const first = await startWorker(redis.url, { concurrency: 1 });
    const engine = newEngine();
    await engine.queue.configure(redis.url);
    const dir = tempDir();
    // The first attempt records its pid and waits; a second start (on the other worker) finds the mark and ends.
    const wf = workflow([sh('long', 'if [ -f started ]; then echo taken over; else echo $$ > started; exec sleep 60; fi')], { name: 'takeover' });
    const handle = engine.runWorkflow(wf, { cwd: dir });
    await waitFor(() => written(join(dir, 'started')), 15_000, 'the step to start');
    expect(handle.execution.steps.long!.worker?.id).toBe(`${handle.execution.steps.long!.worker!.host}-${first.pid}`);
    const second = await startWorker(redis.url, { concurrency: 1 });
    const stepPid = pidIn(join(dir, 'started'));
    const killedAt = Date.now();
    first.process.kill('SIGKILL');
    await waitFor(() => !isAlive(stepPid), 2_000, "the killed worker's step process to die");
    const done = await handle.done;
    expect(Date.now() - killedAt).toBeLessThanOrEqual(15_000);
    expect(done.status).toBe('completed');
    expect(done.steps.long).toMatchObject({ status: 'succeeded', attempts: 1, outputs: { stdout: 'taken over\n' } });
    expect(done.steps.long!.worker?.id).toBe(`${done.steps.long!.worker!.host}-${second.pid}`);
  }, 40_000);

  it('completes a run across a Redis killed and restarted (AOF on), every step recorded once as succeeded', async () => {
    const redis = await startRedis({ aof: true });
    await startWorker(redis.url);
    await startWorker(redis.url);
    const engine = newEngine();
    await engine.queue.configure(redis.url);
    const steps = Array.from({ length: 12 }, (_, i) => sh(`s${i}`, `echo s${i} >> ../ran; sleep 0.25`, { dependencies: i < 2 ? [] : [`s${i - 2}`] }));
    const cwd = join(tempDir(), 'project');
    mkdirSync(cwd);
    const handle = engine.runWorkflow(workflow(steps, { name: 'restart' }), { cwd });
    await waitFor(() => Object.values(handle.execution.steps).filter((run) => run.status === 'succeeded').length >= 3, 15_000, 'a few steps to end');
    await redis.kill();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await redis.start();
    const done = await handle.done;
    expect(done.status).toBe('completed');
    for (const run of Object.values(done.steps)) expect(run).toMatchObject({ status: 'succeeded', attempts: 1 });
    expect(Object.keys(done.steps)).toHaveLength(12);
    // Each ran once: nothing was lost with the restart, nor taken twice.
    expect(readFileSync(join(cwd, '..', 'ran'), 'utf8').split('\n').filter(Boolean).sort()).toEqual(steps.map((step) => step.name).sort());
  }, 60_000);

  it('Ctrl-C of run --redis ends the remote step process within 2 s, records it cancelled and exits 130', async () => {
    const redis = await startRedis();
    await startWorker(redis.url);
    const dir = tempDir();
    writeFileSync(join(dir, 'wf.yaml'), 'version: 1\nname: stop\nsteps:\n  - { name: wait, module: shell, action: run, parameters: { command: "echo $$ > step.pid; exec sleep 60" } }\n');
    const run = spawn(process.execPath, [BIN, 'run', join(dir, 'wf.yaml'), '--redis', redis.url, '--json'], { env: { ...process.env, CODOMYRMEX_HOME: tempDir() }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    run.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => run.once('exit', (code) => resolve(code)));
    await waitFor(() => written(join(dir, 'step.pid')), 15_000, 'the step to start');
    const stepPid = pidIn(join(dir, 'step.pid'));
    run.kill('SIGINT');
    const sentAt = Date.now();
    await waitFor(() => !isAlive(stepPid), 2_000, 'the remote step process to die');
    expect(Date.now() - sentAt).toBeLessThanOrEqual(2_000);
    expect(await exited).toBe(130);
    const record = JSON.parse(stdout);
    expect(record).toMatchObject({ status: 'cancelled', steps: { wait: { status: 'cancelled', worker: { pool: 'default' } } } });
  }, 30_000);

  it('stops the steps of an engine killed outright; the run is interrupted at the next start', async () => {
    const redis = await startRedis();
    await startWorker(redis.url);
    const dir = tempDir();
    const home = tempDir();
    writeFileSync(join(dir, 'wf.yaml'), 'version: 1\nname: orphan\nsteps:\n  - { name: wait, module: shell, action: run, parameters: { command: "echo $$ > step.pid; exec sleep 60" } }\n');
    const run = spawn(process.execPath, [BIN, 'run', join(dir, 'wf.yaml'), '--redis', redis.url], { env: { ...process.env, CODOMYRMEX_HOME: home }, stdio: 'ignore' });
    await waitFor(() => written(join(dir, 'step.pid')), 15_000, 'the step to start');
    const stepPid = pidIn(join(dir, 'step.pid'));
    run.kill('SIGKILL');
    // The engine's heartbeat expires (10 s) and the worker's next look (every 2 s) stops what it ran for it.
    await waitFor(() => !isAlive(stepPid), 15_000, "the dead engine's step to be stopped");
    const engine = newEngine(home);
    const [execution] = engine.store.listExecutions({ limit: 1, withSteps: true });
    expect(execution).toMatchObject({ workflowName: 'orphan', status: 'interrupted' });
  }, 40_000);
});
