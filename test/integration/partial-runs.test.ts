// Running part of a workflow in the engine: only / from / to on a chain and a diamond, with real processes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../shared/errors.js';
import type { StepSelection, Workflow } from '../../shared/model.js';
import type { OrchestrationEngine } from '../../electron/engine/orchestration-engine.js';
import { newEngine, sh, tempDir, workflow } from '../helpers.js';

/** A step that logs its name to ran.log and sets `v` to its name, its run number and what it read. */
const step = (name: string, reads: string[] = []): ReturnType<typeof sh> => {
  const read = reads.map((dep) => `\${{ steps.${dep}.outputs.v }}`).join('+');
  return sh(name, `echo ${name} >> ran.log; n=$(grep -c '^${name}$' ran.log); echo "v=${name}$n${read ? `(${read})` : ''}" >> "$CODOMYRMEX_OUTPUT"`, { dependencies: reads });
};

const CHAIN = workflow([step('a'), step('b', ['a']), step('c', ['b'])], { name: 'chain' });
const DIAMOND = workflow([step('a'), step('b', ['a']), step('c', ['a']), step('d', ['b', 'c'])], { name: 'diamond' });

const ran = (dir: string): string[] => readFileSync(join(dir, 'ran.log'), 'utf8').split('\n').filter(Boolean);

function project(engine: OrchestrationEngine): { id: string; dir: string } {
  const dir = tempDir();
  return { id: engine.projectManager.addProject(dir).id, dir };
}

async function runIn(engine: OrchestrationEngine, wf: Workflow, where: { id: string; dir: string }, selection?: StepSelection) {
  return engine.runWorkflow(wf, { cwd: where.dir, projectId: where.id, origin: 'api', ...(selection ? { selection } : {}) }).done;
}

const statuses = (execution: { steps: Record<string, { status: string }> }): Record<string, string> =>
  Object.fromEntries(Object.entries(execution.steps).map(([name, run]) => [name, run.status]));

describe('running part of a workflow', () => {
  it('runs one step of a chain only, reading its upstream outputs from the latest successful run', async () => {
    const engine = newEngine();
    const where = project(engine);
    const first = await runIn(engine, CHAIN, where);
    const second = await runIn(engine, CHAIN, where);
    expect(second.steps.c!.outputs.v).toBe('c2(b2(a2))');
    const only = await runIn(engine, CHAIN, where, { mode: 'only', steps: ['c'] });
    expect(only.status).toBe('completed');
    expect(statuses(only)).toEqual({ a: 'not-selected', b: 'not-selected', c: 'succeeded' });
    // The latest successful run, not the first: b2, and c is the only process that ran.
    expect(only.steps.c!.outputs.v).toBe('c3(b2(a2))');
    expect(ran(where.dir)).toEqual(['a', 'b', 'c', 'a', 'b', 'c', 'c']);
    expect(only.selection).toEqual({ mode: 'only', steps: ['c'], selected: ['c'], sourceExecutionId: second.executionId });
    expect(only.steps.b!).toMatchObject({ reusedFrom: second.executionId, outputs: { v: 'b2(a2)' } });
    // a is not read by c: left out with nothing taken.
    expect(only.steps.a!).toMatchObject({ reusedFrom: null, outputs: {} });
    expect(only.partial).toBe(true);
    expect(first.selection).toBeNull();
    // The record keeps what was selected.
    expect(engine.getExecution(only.executionId)).toMatchObject({ selection: only.selection, steps: { a: { status: 'not-selected' }, c: { status: 'succeeded' } } });
  });

  it('takes the outputs a partial run carried over when it is the latest successful run', async () => {
    const engine = newEngine();
    const where = project(engine);
    const whole = await runIn(engine, CHAIN, where);
    const onlyC = await runIn(engine, CHAIN, where, { mode: 'only', steps: ['c'] });
    const again = await runIn(engine, CHAIN, where, { mode: 'only', steps: ['c'] });
    expect(again.selection!.sourceExecutionId).toBe(onlyC.executionId);
    // b's outputs are still those of the run that ran it, and say so.
    expect(again.steps.b).toMatchObject({ status: 'not-selected', reusedFrom: whole.executionId, outputs: { v: 'b1(a1)' } });
    expect(again.steps.c!.outputs.v).toBe('c3(b1(a1))');
  });

  it('runs from a step of a diamond: it and everything downstream, the other branch read from the earlier run', async () => {
    const engine = newEngine();
    const where = project(engine);
    const earlier = await runIn(engine, DIAMOND, where);
    const from = await runIn(engine, DIAMOND, where, { mode: 'from', steps: ['b'] });
    expect(statuses(from)).toEqual({ a: 'not-selected', b: 'succeeded', c: 'not-selected', d: 'succeeded' });
    expect(from.steps.d!.outputs.v).toBe('d2(b2(a1)+c1(a1))');
    expect(from.selection).toMatchObject({ mode: 'from', selected: ['b', 'd'], sourceExecutionId: earlier.executionId });
    expect(ran(where.dir).slice(4)).toEqual(['b', 'd']);
  });

  it('runs up to a step of a diamond: it and everything it depends on, reading nothing from earlier runs', async () => {
    const engine = newEngine();
    const where = project(engine);
    // No earlier run is needed: every input runs.
    const to = await runIn(engine, DIAMOND, where, { mode: 'to', steps: ['b'] });
    expect(statuses(to)).toEqual({ a: 'succeeded', b: 'succeeded', c: 'not-selected', d: 'not-selected' });
    expect(to.selection).toEqual({ mode: 'to', steps: ['b'], selected: ['a', 'b'], sourceExecutionId: null });
    expect(ran(where.dir)).toEqual(['a', 'b']);
    expect(to.steps.d!.reason).toBe('not selected');
  });

  it('runs only two steps of a diamond, the one between them running too, the rest read from one run', async () => {
    const engine = newEngine();
    const where = project(engine);
    const earlier = await runIn(engine, DIAMOND, where);
    const only = await runIn(engine, DIAMOND, where, { mode: 'only', steps: ['c', 'd'] });
    expect(statuses(only)).toEqual({ a: 'not-selected', b: 'not-selected', c: 'succeeded', d: 'succeeded' });
    expect(only.steps.d!.outputs.v).toBe('d2(b1(a1)+c2(a1))');
    expect(only.selection!.sourceExecutionId).toBe(earlier.executionId);
  });

  it('refuses before anything runs when no earlier successful run has a selected step’s inputs, naming both', async () => {
    const engine = newEngine();
    const where = project(engine);
    const attempt = (selection: StepSelection) => () => engine.runWorkflow(CHAIN, { cwd: where.dir, projectId: where.id, selection });
    expect(attempt({ mode: 'only', steps: ['c'] })).toThrow(ValidationError);
    expect(attempt({ mode: 'only', steps: ['c'] })).toThrow(/step "c", field selection: needs the outputs of "b", which no earlier successful run of chain has/);
    expect(attempt({ mode: 'from', steps: ['b'] })).toThrow(/step "b", field selection: needs the outputs of "a"/);
    expect(engine.store.listExecutions()).toEqual([]);

    // A failed run is no source; neither is a successful run in another project.
    const failing = workflow([step('a'), sh('b', 'exit 3', { dependencies: ['a'] }), step('c', ['b'])], { name: 'chain' });
    expect((await runIn(engine, failing, where)).status).toBe('failed');
    await runIn(engine, CHAIN, project(engine));
    expect(attempt({ mode: 'only', steps: ['c'] })).toThrow(/needs the outputs of "b"/);
    expect(() => engine.runWorkflow(CHAIN, { cwd: where.dir, projectId: where.id, selection: { mode: 'only', steps: ['nope'] } })).toThrow(/unknown step "nope" in chain \(its steps: a, b, c\)/);
    expect(() => engine.runWorkflow(CHAIN, { cwd: where.dir, projectId: where.id, selection: { mode: 'from', steps: ['a', 'b'] } })).toThrow(/"from" takes one step, got 2/);
  });

  it('re-runs a partial run with the same selection', async () => {
    const engine = newEngine();
    const where = project(engine);
    await runIn(engine, CHAIN, where);
    const only = await runIn(engine, CHAIN, where, { mode: 'only', steps: ['b'] });
    const { RunControl } = await import('../../electron/engine/runs/run-control.js');
    const control = new RunControl(engine, 'api', () => { throw new Error('not asked: a re-run reads its record') });
    const again = await control.startRerun(only.executionId, 'start').done;
    expect(statuses(again)).toEqual({ a: 'not-selected', b: 'succeeded', c: 'not-selected' });
    expect(again.selection).toMatchObject({ mode: 'only', steps: ['b'], sourceExecutionId: only.executionId });
    expect(again.rerunOf).toBe(only.executionId);
  });

  it('keeps the left-out steps not selected when a partial run is found interrupted', () => {
    const engine = newEngine();
    const step = (status: 'not-selected' | 'running') => ({ status, attempts: 0, startTime: null, endTime: null, exitCode: null, error: null, outputs: {}, reason: null, logPath: null, logTail: '' });
    // A partial run whose process died mid-way: recorded running, not live in this engine.
    engine.store.executionStarted({
      executionId: 'dead-partial', workflowName: 'chain', workflowFile: null, sessionId: null, projectId: null, status: 'running', origin: 'cli',
      startTime: Date.now(), endTime: null, params: {}, errors: [], steps: { a: step('not-selected'), b: step('running') }, partial: true,
      selection: { mode: 'only', steps: ['b'], selected: ['b'], sourceExecutionId: null },
    });
    engine.store.flush();
    const [found] = engine.store.listExecutions();
    expect(found).toMatchObject({ status: 'interrupted', steps: { a: { status: 'not-selected' }, b: { status: 'cancelled' } }, selection: { mode: 'only' } });
  });
});
