import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChildRunProgress } from '../../shared/model.js';
import { isAlive } from '../../electron/engine/processes/process-liveness.js';
import { tempDir } from '../helpers.js';
import { newApi } from './run-api.js';

const lines = (file: string): number => (existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').length : 0);

/** build prepares a name, runs `child` (by file) with it as a param, and reads a child step's output downstream. */
const BUILD = `version: 1
name: build
steps:
  - { name: prep, module: shell, action: run, parameters: { command: 'echo "who=world" >> "$CODOMYRMEX_OUTPUT"' } }
  - name: sub
    module: workflow
    action: run
    dependencies: [prep]
    parameters: { file: .codomyrmex/workflows/child.yaml, params: { who: '\${{ steps.prep.outputs.who }}' } }
  - { name: after, module: shell, action: run, dependencies: [sub], parameters: { command: 'echo "\${{ steps.sub.outputs.steps.greet.msg }}" > after.txt' } }
`;
const CHILD = `version: 1
name: child
params: { who: { default: nobody } }
steps:
  - { name: greet, module: shell, action: run, parameters: { command: 'sleep 0.3; echo "msg=hello \${{ params.who }}" >> "$CODOMYRMEX_OUTPUT"' } }
  - { name: two, module: shell, action: run, dependencies: [greet], parameters: { command: 'sleep 0.3' } }
  - { name: three, module: shell, action: run, dependencies: [two], parameters: { command: 'sleep 0.3' } }
`;

describe('a subflow (workflow.run)', () => {
  it("records its child run with the parent's run, step, project, session and origin; the parent step records the child; downstream reads the child's outputs", async () => {
    const { call, start, finished, project, engine, dir } = newApi({ build: BUILD, child: CHILD });
    const session = await call('sessions.create', { name: 'work', projectId: project.id });
    const seen: ChildRunProgress[] = [];
    engine.events.on((event) => {
      if (event.type === 'step.updated' && event.step === 'sub' && event.run.child != null) seen.push(event.run.child);
    }, ['step.updated']);
    const parent = await finished(await start('build', { sessionId: session.sessionId }));
    expect(parent.status).toBe('completed');
    const childId = parent.steps.sub!.child!.executionId;
    expect(parent.steps.sub!.child).toEqual({ executionId: childId, workflowName: 'child', status: 'completed', done: 3, total: 3 });
    expect(parent.steps.sub!.outputs).toMatchObject({ executionId: childId, status: 'completed', steps: { greet: { msg: 'hello world' } } });
    expect(readFileSync(join(dir, 'after.txt'), 'utf8')).toBe('hello world\n');

    const child = (await call('runs.get', { executionId: childId }))!;
    expect(child).toMatchObject({
      workflowName: 'child', status: 'completed', parent: { executionId: parent.executionId, step: 'sub' },
      projectId: project.id, sessionId: session.sessionId, origin: 'app', params: { who: 'world' },
      workflowFile: join(dir, '.codomyrmex', 'workflows', 'child.yaml'),
    });
    expect(parent.parent).toBeNull();

    // Live progress reached the parent step as n of m while the child ran, in order, ending with its final status.
    expect(seen.at(-1)).toEqual({ executionId: childId, workflowName: 'child', status: 'completed', done: 3, total: 3 });
    expect(seen.filter((progress) => progress.status === 'running').map((progress) => progress.done)).toEqual(expect.arrayContaining([0, 1, 2]));
    const dones = seen.map((progress) => progress.done);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));

    // History: top-level runs leave the child out; a run's children are listed by its id.
    expect((await call('runs.list', { parent: null })).map((run) => run.executionId)).toEqual([parent.executionId]);
    expect((await call('runs.list', { parent: parent.executionId })).map((run) => run.executionId)).toEqual([childId]);
    expect((await call('runs.list', {})).map((run) => run.executionId).sort()).toEqual([parent.executionId, childId].sort());
    expect((await call('runs.list', { parent: childId }))).toEqual([]);
  });

  it('finds its child by name in the project folder', async () => {
    const byName = BUILD.replace('file: .codomyrmex/workflows/child.yaml', 'name: child');
    const { start, finished } = newApi({ build: byName, child: CHILD });
    const parent = await finished(await start('build'));
    expect(parent.status).toBe('completed');
    expect(parent.steps.sub!.child).toMatchObject({ workflowName: 'child', status: 'completed', done: 3, total: 3 });
  });
});

/** a → b → c by file; c's step `hold` leaves its shell's and a background child's pids in `pids` and sleeps. */
function threeLevels(pids: string) {
  const sub = (name: string, target: string, extra = ''): string =>
    `  - { name: ${name}, module: workflow, action: run, parameters: { file: .codomyrmex/workflows/${target}.yaml }${extra} }\n`;
  return {
    a: `version: 1\nname: a\nsteps:\n${sub('to-b', 'b')}  - { name: a-after, module: control, action: noop, dependencies: [to-b] }\n`,
    b: `version: 1\nname: b\nsteps:\n${sub('to-c', 'c')}`,
    c: `version: 1\nname: c\nsteps:\n  - { name: hold, module: shell, action: run, parameters: { command: "echo $$ > ${pids}/shell.pid; sleep 30 & echo $! > ${pids}/sleep.pid; wait" } }\n`,
  };
}

describe('cancelling through the levels', () => {
  it('cancelling a parent cancels its child and grandchild runs, and their processes end', async () => {
    const pids = tempDir();
    const { call, start, finished } = newApi(threeLevels(pids));
    const executionId = await start('a');
    await expect.poll(() => existsSync(join(pids, 'sleep.pid')), { timeout: 10_000 }).toBe(true);
    const shell = Number(readFileSync(join(pids, 'shell.pid'), 'utf8'));
    const sleeper = Number(readFileSync(join(pids, 'sleep.pid'), 'utf8'));
    expect(await call('runs.cancel', { executionId })).toEqual({ cancelled: true });
    const a = await finished(executionId);
    await expect.poll(() => isAlive(shell) || isAlive(sleeper), { timeout: 3000 }).toBe(false);
    expect(a.status).toBe('cancelled');
    expect(a.steps['to-b']).toMatchObject({ status: 'cancelled', child: { workflowName: 'b', status: 'cancelled' } });
    const b = await finished(a.steps['to-b']!.child!.executionId);
    expect(b).toMatchObject({ status: 'cancelled', parent: { executionId, step: 'to-b' } });
    const c = await finished(b.steps['to-c']!.child!.executionId);
    expect(c).toMatchObject({ status: 'cancelled', parent: { executionId: b.executionId, step: 'to-c' } });
    expect(c.steps.hold!.status).toBe('cancelled');
  });

  it('cancelling a child run on its own ends its parent step cancelled, not failed, and the parent run cancelled', async () => {
    const pids = tempDir();
    const { call, start, finished } = newApi(threeLevels(pids));
    const executionId = await start('a');
    await expect.poll(() => existsSync(join(pids, 'sleep.pid')), { timeout: 10_000 }).toBe(true);
    const b = (await call('runs.list', { parent: executionId }))[0]!;
    const c = (await call('runs.list', { parent: b.executionId }))[0]!;
    expect(await call('runs.cancel', { executionId: c.executionId })).toEqual({ cancelled: true });
    const a = await finished(executionId);
    expect(a.status).toBe('cancelled');
    expect(a.steps['to-b']).toMatchObject({ status: 'cancelled', error: `sub-workflow .codomyrmex/workflows/b.yaml was cancelled (run ${b.executionId})` });
    expect(a.steps['a-after']).toMatchObject({ status: 'skipped', reason: 'dependency "to-b" was cancelled' });
    expect(a.outcome).toBe('Ended cancelled: step "to-b" was cancelled and no step failed');
    const bRun = await finished(b.executionId);
    expect(bRun.steps['to-c']).toMatchObject({ status: 'cancelled', child: { executionId: c.executionId, status: 'cancelled' } });
    expect(bRun.status).toBe('cancelled');
  });
});

/** a counts, then runs b; b counts, then runs c; c counts, fails until `fixed` exists, then counts again. */
const COUNTED = {
  a: `version: 1\nname: a\nsteps:\n  - { name: a1, module: shell, action: run, parameters: { command: 'echo ran >> a1.count' } }\n  - { name: to-b, module: workflow, action: run, dependencies: [a1], parameters: { name: b } }\n`,
  b: `version: 1\nname: b\nsteps:\n  - { name: b1, module: shell, action: run, parameters: { command: 'echo ran >> b1.count' } }\n  - { name: to-c, module: workflow, action: run, dependencies: [b1], parameters: { file: .codomyrmex/workflows/c.yaml } }\n`,
  c: `version: 1\nname: c\nsteps:\n  - { name: c1, module: shell, action: run, parameters: { command: 'echo ran >> c1.count; echo "v=one" >> "$CODOMYRMEX_OUTPUT"' } }\n  - { name: c2, module: shell, action: run, dependencies: [c1], parameters: { command: 'echo ran >> c2.count; test -f fixed' } }\n  - { name: c3, module: shell, action: run, dependencies: [c2], parameters: { command: 'echo "\${{ steps.c1.outputs.v }}" >> c3.count' } }\n`,
};

describe('re-running from failed through the levels', () => {
  it("re-runs a parent's failed subflow step by resuming its child from the child's failed step, two levels deep", async () => {
    const { call, start, finished, dir } = newApi(COUNTED);
    const a1 = await finished(await start('a'));
    expect(a1.status).toBe('failed');
    const b1 = await finished(a1.steps['to-b']!.child!.executionId);
    const c1 = await finished(b1.steps['to-c']!.child!.executionId);
    expect(c1.steps).toMatchObject({ c1: { status: 'succeeded' }, c2: { status: 'failed' }, c3: { status: 'skipped' } });
    writeFileSync(join(dir, 'fixed'), '');

    const a2 = await finished((await call('runs.rerun', { executionId: a1.executionId, from: 'failed' })).executionId);
    expect(a2.status).toBe('completed');
    expect(a2.steps.a1!.reusedFrom).toBe(a1.executionId);
    const b2 = await finished(a2.steps['to-b']!.child!.executionId);
    expect(b2).toMatchObject({ status: 'completed', parent: { executionId: a2.executionId, step: 'to-b' }, rerunOf: b1.executionId, partial: true });
    expect(b2.steps.b1!.reusedFrom).toBe(b1.executionId);
    const c2 = await finished(b2.steps['to-c']!.child!.executionId);
    expect(c2).toMatchObject({ status: 'completed', parent: { executionId: b2.executionId, step: 'to-c' }, rerunOf: c1.executionId });
    expect(c2.steps.c1).toMatchObject({ status: 'succeeded', reusedFrom: c1.executionId, outputs: { v: 'one' } });
    expect(a2.steps['to-b']!.child).toMatchObject({ status: 'completed', done: 2, total: 2 });
    // The succeeded steps at every level ran once; the failed one twice; the one it had skipped once, reading c1's kept output.
    expect([lines(join(dir, 'a1.count')), lines(join(dir, 'b1.count')), lines(join(dir, 'c1.count')), lines(join(dir, 'c2.count'))]).toEqual([1, 1, 1, 2]);
    expect(readFileSync(join(dir, 'c3.count'), 'utf8')).toBe('one\n');
    // From the start, the children start afresh.
    const a3 = await finished((await call('runs.rerun', { executionId: a2.executionId, from: 'start' })).executionId);
    expect(a3.status).toBe('completed');
    expect(lines(join(dir, 'c1.count'))).toBe(2);
  });
});

const runs = (name: string, how: string): string => `  - { name: ${name}, module: workflow, action: run, parameters: { ${how} } }\n`;

describe('a subflow recursion', () => {
  it('is refused when validated, saved and run, naming the chain: directly, over two hops, by file and by name', async () => {
    const { call, refusal, project } = newApi({
      self: `version: 1\nname: self\nsteps:\n${runs('again', 'file: .codomyrmex/workflows/self.yaml')}`,
      build: `version: 1\nname: build\nsteps:\n  - { name: compile, module: control, action: noop }\n${runs('lint', 'file: .codomyrmex/workflows/lint.yaml')}`,
      lint: `version: 1\nname: lint\nsteps:\n${runs('back', 'name: build')}`,
      dynamic: `version: 1\nname: dynamic\nparams: { target: { default: dynamic } }\nsteps:\n${runs('maybe', "file: '.codomyrmex/workflows/${{ params.target }}.yaml'")}`,
    });
    const problems = Object.fromEntries((await call('workflows.list', { projectId: project.id })).map((entry) => [entry.name, entry.problems.map((p) => p.message)]));
    expect(problems).toEqual({
      self: ['recursion: self.yaml → self.yaml (step "again" runs self.yaml)'],
      build: ['recursion: build.yaml → lint.yaml → build.yaml (step "lint" runs lint.yaml)'],
      lint: ['recursion: lint.yaml → build.yaml → lint.yaml (step "back" runs build.yaml)'],
      // A file named by a template is only known at run time: left to the run's depth limit.
      dynamic: [],
    });
    const refused = await refusal('runs.start', { projectId: project.id, workflowName: 'build' });
    expect(refused.code).toBe('invalid-workflow');
    expect(refused.message).toContain('recursion: build.yaml → lint.yaml → build.yaml (step "lint" runs lint.yaml)');
    const document = await call('workflows.get', { projectId: project.id, name: 'lint' });
    const saved = await call('workflows.save', { projectId: project.id, name: 'lint', workflow: document.workflow as unknown as Record<string, unknown>, baseRevision: document.revision });
    expect(saved.problems).toEqual([{ file: saved.file, step: 'back', field: 'parameters.name', message: 'recursion: lint.yaml → build.yaml → lint.yaml (step "back" runs build.yaml)' }]);
  });

  it('over workflows the engine holds by name, and a templated one still stops at the depth limit when run', async () => {
    const { engine, start, finished } = newApi({
      dynamic: `version: 1\nname: dynamic\nparams: { target: { default: dynamic } }\nsteps:\n${runs('maybe', "file: '.codomyrmex/workflows/${{ params.target }}.yaml'")}`,
    });
    const manager = engine.workflowManager;
    manager.defineWorkflow('ping', [{ name: 'to-pong', module: 'workflow', action: 'run', parameters: { name: 'pong' } }], { saveTo: false });
    expect(() => manager.defineWorkflow('pong', [{ name: 'to-ping', module: 'workflow', action: 'run', parameters: { name: 'ping' } }], { saveTo: false }))
      .toThrow('recursion: pong → ping → pong (step "to-ping" runs ping)');
    const run = await finished(await start('dynamic'));
    expect(run.status).toBe('failed');
    // Eight levels of child runs, each failing for the one below it; the ninth is refused.
    expect(run.steps.maybe!.error).toBe('sub-workflow .codomyrmex/workflows/dynamic.yaml failed');
    let deepest = run;
    let levels = 0;
    for (; deepest.steps.maybe!.child != null; levels++) deepest = await finished(deepest.steps.maybe!.child.executionId);
    expect(levels).toBe(8);
    expect(deepest.steps.maybe!.error).toBe('sub-workflows nested more than 8 deep (does a workflow run itself?)');
  });
});

describe("references to a subflow's child step outputs", () => {
  it('are checked against the child workflow before the run: an unknown child step or an output its action never sets', async () => {
    const reader = (expr: string): string => `version: 1\nname: reader\nsteps:\n${runs('sub', 'name: child')}  - { name: use, module: shell, action: run, dependencies: [sub], parameters: { command: 'echo "${expr}"' } }\n`;
    const child = `version: 1\nname: child\nsteps:\n  - { name: greet, module: shell, action: run, parameters: { command: 'true' } }\n  - { name: wait, module: control, action: delay, parameters: { seconds: 0 } }\n`;
    const problemsOf = async (expr: string) => {
      const { call, project } = newApi({ reader: reader(expr), child });
      return (await call('workflows.list', { projectId: project.id })).find((entry) => entry.name === 'reader')!.problems.map((p) => p.message);
    };
    expect(await problemsOf('${{ steps.sub.outputs.steps.greet.anything }}')).toEqual([]);
    expect(await problemsOf('${{ steps.sub.outputs.steps.nope.x }}')).toEqual(['${{ steps.sub.outputs.steps.nope.x }}: child has no step "nope" (its steps: greet, wait)']);
    expect(await problemsOf('${{ steps.sub.outputs.steps.wait.x }}')).toEqual(['${{ steps.sub.outputs.steps.wait.x }}: step "wait" of child (control.delay) has no output "x" (it sets: waited)']);
    expect(await problemsOf('${{ steps.sub.outputs.nope }}')).toEqual(['${{ steps.sub.outputs.nope }}: workflow.run has no output "nope" (it sets: executionId, status, steps)']);
  });
});
