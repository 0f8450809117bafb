import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAlive } from '../../electron/engine/processes/process-liveness.js';
import { newEngine, run, sh, tempDir, workflow } from '../helpers.js';

const started = (ex: { steps: Record<string, { startTime: number | null }> }, name: string) => ex.steps[name]!.startTime!;
const ended = (ex: { steps: Record<string, { endTime: number | null }> }, name: string) => ex.steps[name]!.endTime!;

describe('the scheduler', () => {
  it('runs steps in dependency order and passes outputs between them', async () => {
    const engine = newEngine();
    const ex = await run(engine, workflow([
      sh('make', 'echo "greeting=hello" >> "$CODOMYRMEX_OUTPUT"'),
      sh('use', 'echo "got ${{ steps.make.outputs.greeting }}"', { dependencies: ['make'] }),
    ]));
    expect(ex.status).toBe('completed');
    expect(ex.steps.make!.outputs.greeting).toBe('hello');
    expect(ex.steps.use!.outputs.stdout).toContain('got hello');
    expect(started(ex, 'use')).toBeGreaterThanOrEqual(ended(ex, 'make'));
  });

  it('runs independent steps at the same time, up to the concurrency', async () => {
    const engine = newEngine();
    const dir = tempDir();
    const steps = ['a', 'b', 'c'].map((name) => sh(name, `echo start >> ${name}.mark; sleep 0.4`));
    const waiting: string[] = [];
    engine.events.on((event) => {
      if (event.type === 'step.updated' && event.run.status === 'queued') waiting.push(`${event.step}: ${event.run.reason}`);
    }, ['step.updated']);
    const two = await run(engine, workflow(steps), { cwd: dir, concurrency: 2 });
    expect(waiting).toEqual(['c: waiting for a free slot (concurrency 2)']);
    const windows = ['a', 'b', 'c'].map((name) => [started(two, name), ended(two, name)] as const);
    const overlapping = (i: number, j: number) => windows[i]![0] < windows[j]![1] && windows[j]![0] < windows[i]![1];
    expect(overlapping(0, 1)).toBe(true);
    // The third waited for a slot: it started after one of the first two ended.
    expect(windows[2]![0]).toBeGreaterThanOrEqual(Math.min(windows[0]![1], windows[1]![1]));
    const one = await run(engine, workflow(steps), { cwd: dir, concurrency: 1 });
    expect(started(one, 'b')).toBeGreaterThanOrEqual(ended(one, 'a'));
  });

  it('starts ready steps by priority, critical first', async () => {
    const engine = newEngine();
    const dir = tempDir();
    const ex = await run(engine, workflow([
      sh('low', 'echo low >> order', { priority: 'low' }),
      sh('normal', 'echo normal >> order'),
      sh('critical', 'echo critical >> order', { priority: 'critical' }),
      sh('high', 'echo high >> order', { priority: 'high' }),
    ]), { cwd: dir, concurrency: 1 });
    expect(ex.status).toBe('completed');
    expect(readFileSync(join(dir, 'order'), 'utf8').trim().split('\n')).toEqual(['critical', 'high', 'normal', 'low']);
  });

  it('skips the dependents of a failed step while independent branches go on', async () => {
    const engine = newEngine();
    const ex = await run(engine, workflow([
      sh('broken', 'echo oops >&2; exit 3'),
      sh('after', 'echo never', { dependencies: ['broken'] }),
      sh('later', 'echo never', { dependencies: ['after'] }),
      sh('independent', 'echo fine'),
    ]));
    expect(ex.status).toBe('failed');
    expect(ex.steps.broken).toMatchObject({ status: 'failed', exitCode: 3 });
    expect(ex.steps.broken!.error).toContain('exited with code 3: oops');
    expect(ex.steps.after).toMatchObject({ status: 'skipped', reason: 'dependency "broken" failed' });
    expect(ex.steps.later).toMatchObject({ status: 'skipped', reason: 'dependency "after" was skipped' });
    expect(ex.steps.independent!.status).toBe('succeeded');
    expect(ex.errors).toEqual([expect.stringContaining('broken:')]);
  });

  it('follows runWhen: always runs regardless, failure runs only after a failure', async () => {
    const engine = newEngine();
    const ex = await run(engine, workflow([
      sh('ok', 'true'),
      sh('bad', 'false'),
      sh('cleanup', 'echo cleanup', { dependencies: ['bad'], runWhen: 'always' }),
      sh('alert', 'echo alert', { dependencies: ['bad'], runWhen: 'failure' }),
      sh('no-alert', 'echo never', { dependencies: ['ok'], runWhen: 'failure' }),
    ]));
    expect(ex.steps.cleanup!.status).toBe('succeeded');
    expect(ex.steps.alert!.status).toBe('succeeded');
    expect(ex.steps['no-alert']).toMatchObject({ status: 'skipped', reason: 'no dependency failed' });
  });

  it('lets a continueOnError step fail without failing the run or its dependents', async () => {
    const engine = newEngine();
    const ex = await run(engine, workflow([
      sh('flaky', 'exit 1', { continueOnError: true }),
      sh('next', 'true', { dependencies: ['flaky'] }),
    ]));
    expect(ex.status).toBe('completed');
    expect(ex.steps.flaky!.status).toBe('failed');
    expect(ex.steps.next!.status).toBe('succeeded');
  });

  it('retries a failing step with backoff between attempts', async () => {
    const engine = newEngine();
    const dir = tempDir();
    // Fails twice, then succeeds; the timestamps of the attempts show the delays 0.2s then 0.4s.
    const command = 'node -e "const fs=require(\'fs\');fs.appendFileSync(\'attempts\',Date.now()+\'\\n\');process.exit(fs.readFileSync(\'attempts\',\'utf8\').trim().split(\'\\n\').length<3?1:0)"';
    const ex = await run(engine, workflow([sh('flaky', command, { retry: { count: 3, delay: 0.2, backoff: 2 } })]), { cwd: dir });
    expect(ex.steps.flaky).toMatchObject({ status: 'succeeded', attempts: 3 });
    const times = readFileSync(join(dir, 'attempts'), 'utf8').trim().split('\n').map(Number);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(200);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(400);
  });

  it('keeps a retried step’s place in line: after its backoff it goes before steps that became ready later', async () => {
    const engine = newEngine();
    const dir = tempDir();
    // One slot. "flaky" (last in the file) is ready with "start"; "later" and "last" only once "start" is done.
    // flaky fails once, and during its 0.2 s backoff "later" takes the slot for 0.6 s; then flaky, not "last", is next.
    const ex = await run(engine, workflow([
      sh('start', 'echo start >> order'),
      sh('later', 'echo later >> order; sleep 0.6', { dependencies: ['start'] }),
      sh('last', 'echo last >> order', { dependencies: ['start'] }),
      sh('flaky', 'echo flaky >> order; test -f tried || { touch tried; exit 1; }', { retry: { count: 1, delay: 0.2, backoff: 1 } }),
    ]), { cwd: dir, concurrency: 1 });
    expect(ex.status).toBe('completed');
    expect(readFileSync(join(dir, 'order'), 'utf8').trim().split('\n')).toEqual(['start', 'flaky', 'later', 'flaky', 'last']);
  });

  it('gives up after 1 + count attempts', async () => {
    const engine = newEngine();
    const ex = await run(engine, workflow([sh('always-bad', 'exit 2', { retry: { count: 2, delay: 0, backoff: 1 } })]));
    expect(ex.steps['always-bad']).toMatchObject({ status: 'failed', attempts: 3, exitCode: 2 });
  });

  it('kills the whole process tree of a step that times out', async () => {
    const engine = newEngine();
    const dir = tempDir();
    const ex = await run(engine, workflow([
      sh('slow', 'sleep 30 & echo $! > child.pid; sleep 30', { timeout: 0.5 }),
    ]), { cwd: dir });
    expect(ex.steps.slow).toMatchObject({ status: 'failed', error: 'timed out after 0.5s' });
    const child = Number(readFileSync(join(dir, 'child.pid'), 'utf8'));
    await expect.poll(() => isAlive(child), { timeout: 3000 }).toBe(false);
  });

  it('cancels a run: running process trees die, nothing else starts, the record says cancelled', async () => {
    const engine = newEngine();
    const dir = tempDir();
    const handle = engine.runWorkflow(workflow([
      sh('long', 'sleep 30 & echo $! > child.pid; sleep 30'),
      sh('after', 'echo never > after.txt', { dependencies: ['long'], runWhen: 'always' }),
    ]), { cwd: dir });
    await expect.poll(() => existsSync(join(dir, 'child.pid'))).toBe(true);
    expect(engine.cancelExecution(handle.executionId)).toBe(true);
    const ex = await handle.done;
    expect(ex.status).toBe('cancelled');
    expect(ex.steps.long!.status).toBe('cancelled');
    expect(ex.steps.after!.status).toBe('cancelled');
    expect(existsSync(join(dir, 'after.txt'))).toBe(false);
    const child = Number(readFileSync(join(dir, 'child.pid'), 'utf8'));
    await expect.poll(() => isAlive(child), { timeout: 3000 }).toBe(false);
    expect(engine.getExecution(handle.executionId)!.status).toBe('cancelled');
  });

  it('admits a step only when its resources fit, and shows why it waits', async () => {
    const engine = newEngine();
    engine.resourceManager.registerResource({ id: 'db', capacity: 1, unit: 'connections' });
    const reasons: string[] = [];
    engine.events.on((event) => {
      if (event.type === 'step.updated' && event.run.status === 'queued' && event.run.reason) reasons.push(event.run.reason);
    });
    const ex = await run(engine, workflow([
      sh('first', 'sleep 0.3', { resources: { db: 1 } }),
      sh('second', 'sleep 0.3', { resources: { db: 1 } }),
    ]), { concurrency: 4 });
    expect(ex.status).toBe('completed');
    const [a, b] = [ex.steps.first!, ex.steps.second!].sort((x, y) => x.startTime! - y.startTime!);
    expect(b!.startTime!).toBeGreaterThanOrEqual(a!.endTime!);
    // The run and the holder by their names, with the resource's unit; never the execution's id.
    expect(reasons).toContain('needs 1 connections of db, 0 free — held by test › first (1)');
    expect(reasons.join('\n')).not.toContain(ex.executionId);
    expect(engine.resourceManager.getAvailableCapacity('db')).toBe(1);
  });

  it('releases resources however a step ends', async () => {
    const engine = newEngine();
    engine.resourceManager.registerResource({ id: 'gpu', capacity: 2 });
    const ex = await run(engine, workflow([sh('crash', 'exit 1', { resources: { gpu: 2 } })]));
    expect(ex.status).toBe('failed');
    expect(engine.resourceManager.getAvailableCapacity('gpu')).toBe(2);
    expect(engine.resourceManager.getUsageHistory('gpu')).toHaveLength(1);
  });

  it('resolves params and env in templates', async () => {
    const engine = newEngine();
    const ex = await run(engine, workflow([sh('greet', 'echo "${{ params.who }} from ${{ env.PLACE }}"')], {
      params: { who: { default: 'nobody' } },
      env: { PLACE: 'the test' },
    }), { params: { who: 'ada' } });
    expect(ex.steps.greet!.outputs.stdout).toContain('ada from the test');
  });

  it('refuses an invalid workflow before anything runs', async () => {
    const engine = newEngine();
    const wf = workflow([sh('a', 'echo a', { dependencies: ['b'] }), sh('b', 'echo b', { dependencies: ['a'] })]);
    expect(() => engine.runWorkflow(wf, { cwd: tempDir() })).toThrow(/dependency cycle: (a → b → a|b → a → b)/);
    expect(engine.store.listExecutions()).toHaveLength(0);
  });

  it('reports a command that does not exist as exit 127', async () => {
    const engine = newEngine();
    const ex = await run(engine, workflow([sh('nope', 'no-such-command-xyz --flag')]));
    expect(ex.steps.nope).toMatchObject({ status: 'failed', exitCode: 127 });
    expect(ex.steps.nope!.error).toContain('no-such-command-xyz');
  });
});
