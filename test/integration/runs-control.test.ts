import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAlive } from '../../electron/engine/processes/process-liveness.js';
import { newEngine, tempDir } from '../helpers.js';
import { apiOn, newApi } from './run-api.js';

/** a counts its runs in a file and outputs built=yes; b fails until the file `fixed` exists; c follows b. */
const FLAKY = `version: 1
name: flaky
params: { target: { default: "dist" } }
steps:
  - { name: a, module: shell, action: run, parameters: { command: 'echo ran >> a.count; echo "built=yes" >> "$CODOMYRMEX_OUTPUT"' } }
  - { name: b, module: shell, action: run, dependencies: [a], parameters: { command: 'test -f fixed && echo "to=\${{ params.target }}" >> "$CODOMYRMEX_OUTPUT"' } }
  - { name: c, module: control, action: noop, dependencies: [b] }
`;

const lines = (file: string): number => (existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').length : 0);

describe('re-running a run', () => {
  it('from failed keeps the succeeded steps with their outputs and re-runs the rest, as a new run that names the old one', async () => {
    const { call, start, finished, dir } = newApi({ flaky: FLAKY });
    const first = await finished(await start('flaky', { params: { target: 'out' } }));
    expect(first.status).toBe('failed');
    expect(first.steps).toMatchObject({ a: { status: 'succeeded' }, b: { status: 'failed' }, c: { status: 'skipped' } });
    writeFileSync(join(dir, 'fixed'), '');

    const { executionId } = await call('runs.rerun', { executionId: first.executionId, from: 'failed' });
    const second = await finished(executionId);
    expect(executionId).not.toBe(first.executionId);
    expect(second).toMatchObject({ status: 'completed', rerunOf: first.executionId, params: { target: 'out' }, origin: 'app' });
    // a is not run again: it keeps its record from the first run, marked as reused from it.
    expect(second.steps.a).toEqual({ ...first.steps.a, reusedFrom: first.executionId });
    expect(second.partial).toBe(true);
    expect(second.steps.b).toMatchObject({ status: 'succeeded', attempts: 1, outputs: { to: 'out' } });
    expect(second.steps.c!.status).toBe('succeeded');
    expect(lines(join(dir, 'a.count'))).toBe(1);
    // The old run is left as it was.
    expect((await call('runs.get', { executionId: first.executionId }))!.status).toBe('failed');
  });

  it('from the start runs every step again', async () => {
    const { call, start, finished, dir } = newApi({ flaky: FLAKY });
    writeFileSync(join(dir, 'fixed'), '');
    const first = await finished(await start('flaky'));
    const second = await finished((await call('runs.rerun', { executionId: first.executionId, from: 'start' })).executionId);
    expect(second.status).toBe('completed');
    expect(second.steps.a!.startTime).toBeGreaterThanOrEqual(first.endTime!);
    expect(lines(join(dir, 'a.count'))).toBe(2);
  });

  it('is refused for an unknown run, a run still running, and from failed when nothing failed', async () => {
    const { call, refusal, start, finished, dir } = newApi({ flaky: FLAKY, long: 'version: 1\nname: long\nsteps:\n  - { name: wait, module: shell, action: run, parameters: { command: "sleep 30" } }\n' });
    expect(await refusal('runs.rerun', { executionId: 'no-such-run', from: 'start' })).toMatchObject({ code: 'not-found', message: 'unknown run "no-such-run"' });
    const running = await start('long');
    expect((await refusal('runs.rerun', { executionId: running, from: 'failed' })).message).toMatch(/is still running/);
    await call('runs.cancel', { executionId: running });
    writeFileSync(join(dir, 'fixed'), '');
    const done = await finished(await start('flaky'));
    expect((await refusal('runs.rerun', { executionId: done.executionId, from: 'failed' })).message).toMatch(/no failed step to re-run/);
  });

  it('runs the snapshot taken at start when the workflow file is gone', async () => {
    const { call, start, finished, dir, engine } = newApi({ flaky: FLAKY });
    writeFileSync(join(dir, 'fixed'), '');
    const first = await finished(await start('flaky'));
    expect(first.workflow?.steps.map((s) => s.name)).toEqual(['a', 'b', 'c']);
    engine.workflowWatcher.close();
    const { rmSync } = await import('node:fs');
    rmSync(first.workflowFile!);
    const second = await finished((await call('runs.rerun', { executionId: first.executionId, from: 'start' })).executionId);
    expect(second.status).toBe('completed');
    expect(second.workflow).toEqual(first.workflow);
  });
});

describe('cancelling one step', () => {
  it("kills its process tree; its dependents are skipped, independent branches go on, the run ends cancelled (no step failed)", async () => {
    const pids = tempDir();
    const wf = `version: 1
name: branches
steps:
  - { name: long, module: shell, action: run, parameters: { command: "echo $$ > ${pids}/long.pid; sleep 30 & echo $! > ${pids}/child.pid; wait" } }
  - { name: after, module: control, action: noop, dependencies: [long] }
  - { name: other, module: shell, action: run, parameters: { command: "sleep 0.5; echo other" } }
`;
    const { call, refusal, start, finished } = newApi({ branches: wf });
    const executionId = await start('branches');
    await expect.poll(() => existsSync(join(pids, 'child.pid')), { timeout: 10_000 }).toBe(true);
    const shell = Number(readFileSync(join(pids, 'long.pid'), 'utf8'));
    const child = Number(readFileSync(join(pids, 'child.pid'), 'utf8'));
    expect((await refusal('runs.cancelStep', { executionId, step: 'nope' })).code).toBe('not-found');
    expect(await call('runs.cancelStep', { executionId, step: 'long' })).toEqual({ cancelled: true });
    const run = await finished(executionId);
    expect(() => process.kill(shell, 0)).toThrow();
    // The background child was re-parented to init when its shell died: dead, it may wait a moment there to be reaped.
    await expect.poll(() => isAlive(child), { timeout: 3000 }).toBe(false);
    expect(run.status).toBe('cancelled');
    expect(run.outcome).toBe('Ended cancelled: step "long" was cancelled and no step failed');
    expect(run.steps.long).toMatchObject({ status: 'cancelled', error: 'cancelled by the user' });
    expect(run.steps.after).toMatchObject({ status: 'skipped', reason: 'dependency "long" was cancelled' });
    expect(run.steps.other!.status).toBe('succeeded');
    expect(run.errors).toEqual(['long: cancelled by the user']);
    expect(await call('runs.cancelStep', { executionId, step: 'other' })).toEqual({ cancelled: false });
  });
});

describe('runs in a session', () => {
  it("run in their project's folder with the session's environment and variables", async () => {
    const wf = `version: 1\nname: where\nsteps:\n  - { name: show, module: shell, action: run, parameters: { command: 'echo "dir=$(pwd)" >> "$CODOMYRMEX_OUTPUT"; echo "greeting=$GREETING" >> "$CODOMYRMEX_OUTPUT"; echo "target=$TARGET" >> "$CODOMYRMEX_OUTPUT"' } }\n`;
    const { call, start, finished, project } = newApi({ where: wf });
    const session = await call('sessions.create', { name: 'work', projectId: project.id, env: { GREETING: 'hi' }, variables: { TARGET: 'dist' } });
    const run = await finished(await start('where', { sessionId: session.sessionId }));
    expect(run.sessionId).toBe(session.sessionId);
    expect(run.projectId).toBe(project.id);
    expect(run.steps.show!.outputs).toMatchObject({ dir: project.path, greeting: 'hi', target: 'dist' });
    expect((await call('runs.list', { sessionId: session.sessionId })).map((r) => r.executionId)).toEqual([run.executionId]);
  });

  it('a closed session refuses new runs and re-runs, naming the session', async () => {
    const { call, refusal, start, finished, project } = newApi({ flaky: FLAKY });
    const session = await call('sessions.create', { name: 'nightly', projectId: project.id });
    const first = await finished(await start('flaky', { sessionId: session.sessionId }));
    expect((await call('sessions.close', { sessionId: session.sessionId })).status).toBe('closed');
    expect((await refusal('runs.start', { projectId: project.id, workflowName: 'flaky', sessionId: session.sessionId })).message).toBe('session "nightly" is closed: it starts no new runs (start it in an open session)');
    expect((await refusal('runs.rerun', { executionId: first.executionId, from: 'start' })).message).toMatch(/session "nightly" is closed/);
    expect((await refusal('runs.start', { projectId: project.id, workflowName: 'flaky', sessionId: 'nope' })).code).toBe('not-found');
  });
});

describe('starting a run', () => {
  it('goes one way from every door: a closed session is refused with the same words by the contract, the engine and a workflow handed to it', async () => {
    const { call, refusal, engine, project } = newApi({ flaky: FLAKY });
    const session = await call('sessions.create', { name: 'nightly', projectId: project.id });
    await call('sessions.close', { sessionId: session.sessionId });
    const words = 'session "nightly" is closed: it starts no new runs (start it in an open session)';
    expect((await refusal('runs.start', { projectId: project.id, workflowName: 'flaky', sessionId: session.sessionId })).message).toBe(words);
    expect(() => engine.startWorkflowInSession(session.sessionId, 'flaky')).toThrow(words);
    const workflow = engine.workflowManager.loadWorkflowFile(join(project.path, '.codomyrmex', 'workflows', 'flaky.yaml'));
    expect(() => engine.runWorkflow(workflow, { projectId: project.id, sessionId: session.sessionId })).toThrow(words);
    expect(() => engine.runWorkflow(workflow, { projectId: project.id, sessionId: 'nope' })).toThrow('unknown session "nope"');
    expect(await call('runs.list', { workflowName: 'flaky' })).toEqual([]);
  });

  it('lends the session\'s environment and variables to a workflow handed to the engine, in the folder of the file it came from', async () => {
    const wf = `version: 1\nname: where\nsteps:\n  - { name: show, module: shell, action: run, parameters: { command: 'echo "dir=$(pwd)" >> "$CODOMYRMEX_OUTPUT"; echo "greeting=$GREETING" >> "$CODOMYRMEX_OUTPUT"; echo "target=$TARGET" >> "$CODOMYRMEX_OUTPUT"' } }\n`;
    const { call, engine, project } = newApi({ where: wf });
    const session = await call('sessions.create', { name: 'work', projectId: project.id, env: { GREETING: 'hi', TARGET: 'env' }, variables: { TARGET: 'dist' } });
    const file = join(project.path, '.codomyrmex', 'workflows', 'where.yaml');
    const run = await engine.runWorkflow(engine.workflowManager.loadWorkflowFile(file), { file, sessionId: session.sessionId }).done;
    // Variables win over the session's environment overrides of the same name.
    expect(run).toMatchObject({ projectId: project.id, sessionId: session.sessionId, workflowFile: file });
    expect(run.steps.show!.outputs).toEqual({ dir: project.path, greeting: 'hi', target: 'dist', exitCode: 0, stdout: '' });
  });

  it('starts the workflow the editor shows under a name from the file holding it, and names the problems of a file of that name that is no workflow', async () => {
    const { call, refusal, finished, project } = newApi({ renamed: FLAKY.replace('name: flaky', 'name: other'), broken: 'version: 1\nname: broken\nsteps: nope\n' });
    writeFileSync(join(project.path, 'fixed'), '');
    const run = await finished((await call('runs.start', { projectId: project.id, workflowName: 'other' })).executionId);
    expect(run).toMatchObject({ workflowName: 'other', status: 'completed', workflowFile: join(project.path, '.codomyrmex', 'workflows', 'renamed.yaml') });
    expect(await refusal('runs.start', { projectId: project.id, workflowName: 'broken' })).toMatchObject({ code: 'invalid-workflow', problems: [expect.objectContaining({ file: join(project.path, '.codomyrmex', 'workflows', 'broken.yaml'), field: 'steps' })] });
    expect(await refusal('runs.start', { projectId: project.id, workflowName: 'missing' })).toEqual({ code: 'not-found', message: `unknown workflow "missing" in project "${project.name}" (known: broken, other)` });
  });
});

describe('sessions', () => {
  it('are renamed, rebound, given new variables and closed; an unknown project or session is refused', async () => {
    const { call, refusal, project } = newApi({});
    const created = await call('sessions.create', { name: 'a', env: { X: '1' } });
    expect(created).toMatchObject({ name: 'a', projectId: null, env: { X: '1' }, variables: {}, status: 'active' });
    const renamed = await call('sessions.update', { sessionId: created.sessionId, name: 'b', projectId: project.id, variables: { V: '2' } });
    expect(renamed).toMatchObject({ name: 'b', projectId: project.id, env: { X: '1' }, variables: { V: '2' } });
    expect((await call('sessions.update', { sessionId: created.sessionId, projectId: null })).projectId).toBeNull();
    expect((await refusal('sessions.update', { sessionId: created.sessionId, projectId: 'nope' })).message).toMatch(/unknown project "nope"/);
    expect((await refusal('sessions.close', { sessionId: 'nope' })).code).toBe('not-found');
    expect((await refusal('sessions.create', { name: 'c', projectId: 'nope' })).code).toBe('not-found');
  });

  it('survive a restart: a second engine on the same data folder sees them as they were', async () => {
    const home = tempDir('codomyrmex-home-');
    const first = apiOn(newEngine(home), {});
    const kept = await first.call('sessions.create', { name: 'kept', projectId: first.project.id, env: { A: '1' }, variables: { B: '2' } });
    const closed = await first.call('sessions.close', { sessionId: (await first.call('sessions.create', { name: 'done' })).sessionId });
    await first.engine.close();
    const second = newEngine(home);
    const sessions = second.listSessions();
    expect(sessions.find((s) => s.sessionId === kept.sessionId)).toEqual(kept);
    expect(sessions.find((s) => s.sessionId === closed.sessionId)?.status).toBe('closed');
  });
});
