// How a run ends and what a re-run from failed keeps: the cancel rule with its one-line outcome, steps marked reused
// (not run again), and partial re-runs left out of the workflow's median duration and success rate.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { endOf } from '../../electron/engine/runs/run-outcome.js';
import { newApi } from './run-api.js';

/** a succeeds; b fails until the file `fixed` exists; c follows b. */
const FLAKY = `version: 1
name: flaky
steps:
  - { name: a, module: shell, action: run, parameters: { command: 'echo a' } }
  - { name: b, module: shell, action: run, dependencies: [a], parameters: { command: 'test -f fixed' } }
  - { name: c, module: control, action: noop, dependencies: [b] }
`;

/** wait holds until cancelled; after depends on it; quick runs beside them; boom fails when asked to. */
const BRANCHES = (boom: boolean) => `version: 1
name: branches
steps:
  - { name: wait, module: control, action: delay, parameters: { seconds: 30 } }
  - { name: after, module: control, action: noop, dependencies: [wait] }
  - { name: quick, module: control, action: noop }
${boom ? '  - { name: boom, module: control, action: fail, parameters: { message: "broke" } }\n' : ''}`;

describe('how a run ends', () => {
  it('a cancelled step and no failed one: the step cancelled, its dependents skipped, the run cancelled, saying why', async () => {
    const { call, start, finished } = newApi({ branches: BRANCHES(false) });
    const executionId = await start('branches');
    await expect.poll(async () => (await call('runs.get', { executionId }))!.steps.wait!.status).toBe('running');
    expect(await call('runs.cancelStep', { executionId, step: 'wait' })).toEqual({ cancelled: true });
    const run = await finished(executionId);
    expect(run).toMatchObject({ status: 'cancelled', outcome: 'Ended cancelled: step "wait" was cancelled and no step failed' });
    expect(run.steps).toMatchObject({ wait: { status: 'cancelled' }, after: { status: 'skipped', reason: 'dependency "wait" was cancelled' }, quick: { status: 'succeeded' } });
    // The outcome is kept with the record, as list views read it.
    expect((await call('runs.list', {}))[0]).toMatchObject({ executionId, outcome: run.outcome });
  });

  it('a failed step ends it failed, whatever else was cancelled', async () => {
    const { call, start, finished } = newApi({ branches: BRANCHES(true) });
    const executionId = await start('branches');
    await expect.poll(async () => (await call('runs.get', { executionId }))!.steps.wait!.status).toBe('running');
    await call('runs.cancelStep', { executionId, step: 'wait' });
    const run = await finished(executionId);
    expect(run).toMatchObject({ status: 'failed', outcome: 'Ended failed: step "boom" failed; step "wait" was cancelled' });
    expect(run.errors).toEqual(['wait: cancelled by the user', 'boom: broke']);
  });

  it('cancelling the run ends it cancelled; a run with nothing wrong has no outcome line', async () => {
    const { call, start, finished } = newApi({ branches: BRANCHES(false), flaky: FLAKY });
    const executionId = await start('branches');
    await expect.poll(async () => (await call('runs.get', { executionId }))!.steps.wait!.status).toBe('running');
    await call('runs.cancel', { executionId });
    expect(await finished(executionId)).toMatchObject({ status: 'cancelled', outcome: 'Ended cancelled: the run was cancelled' });
    expect(endOf(false, [], [])).toEqual({ status: 'completed', outcome: null });
    expect(endOf(false, ['x', 'y'], []).outcome).toBe('Ended failed: steps "x", "y" failed');
  });
});

describe('a re-run from failed', () => {
  it('marks the steps it kept as reused from the run that ran them, along a chain of re-runs', async () => {
    const { call, start, finished } = newApi({ flaky: FLAKY });
    const first = await finished(await start('flaky'));
    const second = await finished((await call('runs.rerun', { executionId: first.executionId, from: 'failed' })).executionId);
    expect(second).toMatchObject({ status: 'failed', partial: true });
    expect(second.steps.a).toEqual({ ...first.steps.a, reusedFrom: first.executionId });
    expect(second.steps.b).toMatchObject({ status: 'failed', reusedFrom: null });
    const third = await finished((await call('runs.rerun', { executionId: second.executionId, from: 'failed' })).executionId);
    expect(third.steps.a!.reusedFrom).toBe(first.executionId);
    // Listed without steps, the run still says it is partial.
    expect((await call('runs.list', {})).find((run) => run.executionId === third.executionId)!.partial).toBe(true);
  });

  it('is left out of the median duration and the success rate; a re-run from the start is not', async () => {
    const { call, start, finished, project, dir } = newApi({ flaky: FLAKY });
    const failed = await finished(await start('flaky'));
    writeFileSync(join(dir, 'fixed'), '');
    const partial = await finished((await call('runs.rerun', { executionId: failed.executionId, from: 'failed' })).executionId);
    expect(partial).toMatchObject({ status: 'completed', partial: true });
    expect(await call('runs.stats', { workflowName: 'flaky', projectId: project.id })).toEqual({ runs: 0, medianDurationMs: null, stepMedianMs: {} });
    const health = async () => (await call('projects.dashboard', {})).find((card) => card.project.id === project.id)!.workflows.find((w) => w.workflowName === 'flaky')!;
    expect(await health()).toMatchObject({ runs: 2, successRate: 0, medianDurationMs: null });

    const full = await finished((await call('runs.rerun', { executionId: failed.executionId, from: 'start' })).executionId);
    expect(full.partial).toBe(false);
    const stats = await call('runs.stats', { workflowName: 'flaky', projectId: project.id });
    expect(stats).toMatchObject({ runs: 1, medianDurationMs: full.endTime! - full.startTime });
    expect(Object.keys(stats.stepMedianMs).sort()).toEqual(['a', 'b', 'c']);
    expect(await health()).toMatchObject({ runs: 3, successRate: 0.5, medianDurationMs: full.endTime! - full.startTime });
    expect((await call('projects.history', { projectId: project.id })).durations.map((d) => d.executionId)).toEqual([failed.executionId, full.executionId]);
  });
});
