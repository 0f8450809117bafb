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
