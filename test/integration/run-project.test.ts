import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newEngine, tempDir } from '../helpers.js';
import { apiOn, writeWorkflow } from './run-api.js';

/** Writes the folder it runs in to where.txt and outputs it, with the session's GREETING. */
const WHERE = `version: 1
name: where
steps:
  - { name: show, module: shell, action: run, parameters: { command: 'pwd > where.txt; echo "dir=$(pwd)" >> "$CODOMYRMEX_OUTPUT"; echo "greeting=$GREETING" >> "$CODOMYRMEX_OUTPUT"' } }
  - { name: after, module: control, action: noop, dependencies: [show] }
`;

/** Two projects on one engine, each with the `where` workflow, and one door (the app's) onto both. */
function twoProjects() {
  const engine = newEngine();
  const a = apiOn(engine, { where: WHERE }, tempDir('codomyrmex-a-'));
  const b = apiOn(engine, { where: WHERE }, tempDir('codomyrmex-b-'));
  return { engine, a, b, call: a.call, refusal: a.refusal, finished: a.finished };
}

describe('a run and its project', () => {
  it("works in its own project's folder and is recorded under it, whichever door's project is current", async () => {
    const { a, b, call, finished } = twoProjects();
    // The door was opened on A; B's workflow still runs in B.
    const run = await finished((await call('runs.start', { projectId: b.project.id, workflowName: 'where' })).executionId);
    expect(run).toMatchObject({ status: 'completed', projectId: b.project.id, sessionId: null });
    expect(run.steps.show!.outputs.dir).toBe(b.project.path);
    expect(readFileSync(join(b.dir, 'where.txt'), 'utf8').trim()).toBe(b.project.path);
    expect((await call('runs.list', { projectId: a.project.id })).length).toBe(0);
    expect((await call('runs.list', { projectId: b.project.id })).map((r) => r.executionId)).toEqual([run.executionId]);
  });

  it('refuses a start in a session of another project, naming both projects, and runs nothing', async () => {
    const { a, b, call, refusal } = twoProjects();
    const session = await call('sessions.create', { name: 'work-a', projectId: a.project.id, env: { GREETING: 'hi' } });
    const refused = await refusal('runs.start', { projectId: b.project.id, workflowName: 'where', sessionId: session.sessionId });
    expect(refused).toEqual({ code: 'failed', message: `session "work-a" is bound to project "${a.project.name}": it does not run where of project "${b.project.name}" (run it without a session, or in a session of "${b.project.name}")` });
    expect(await call('runs.list', {})).toEqual([]);
  });

  it("refuses it at the engine too, for the doors that run a workflow with no file (MCP's execute_task)", () => {
    const { engine, a, b } = twoProjects();
    const { sessionId } = engine.createSession('work-a', { projectId: a.project.id });
    const workflow = engine.workflowManager.loadWorkflowFile(join(b.dir, '.codomyrmex', 'workflows', 'where.yaml'));
    expect(() => engine.runWorkflow(workflow, { cwd: b.project.path, projectId: b.project.id, sessionId })).toThrow(/session "work-a" is bound to project ".*": it does not run where of project/);
    expect(engine.store.listExecutions({ limit: 10, withSteps: false })).toEqual([]);
  });

  it('lends a session bound to no project to a run of any project, which works in its own folder', async () => {
    const { b, call, finished } = twoProjects();
    const session = await call('sessions.create', { name: 'loose', env: { GREETING: 'hello' } });
    const run = await finished((await call('runs.start', { projectId: b.project.id, workflowName: 'where', sessionId: session.sessionId })).executionId);
    expect(run).toMatchObject({ status: 'completed', projectId: b.project.id, sessionId: session.sessionId });
    expect(run.steps.show!.outputs).toMatchObject({ dir: b.project.path, greeting: 'hello' });
  });

  it("re-runs in the run's project and its folder, with its session, recorded under that project", async () => {
    const { b, call, finished } = twoProjects();
    const session = await call('sessions.create', { name: 'work-b', projectId: b.project.id, env: { GREETING: 'again' } });
    const first = await finished((await call('runs.start', { projectId: b.project.id, workflowName: 'where', sessionId: session.sessionId })).executionId);
    for (const from of ['start', 'failed'] as const) {
      if (from === 'failed') writeWorkflow(b.dir, 'where', WHERE.replace('noop', 'fail'));
      const source = from === 'start' ? first : await finished((await call('runs.start', { projectId: b.project.id, workflowName: 'where', sessionId: session.sessionId })).executionId);
      if (from === 'failed') writeWorkflow(b.dir, 'where', WHERE);
      const again = await finished((await call('runs.rerun', { executionId: source.executionId, from })).executionId);
      expect(again).toMatchObject({ status: 'completed', projectId: b.project.id, sessionId: session.sessionId, rerunOf: source.executionId });
      expect(again.steps.after!.status).toBe('succeeded');
      if (from === 'start') expect(again.steps.show!.outputs).toMatchObject({ dir: b.project.path, greeting: 'again' });
    }
  });

  it('re-runs a run recorded in a session of another project (before the rule) in its own folder, without that session', async () => {
    const { engine, a, b, call, finished } = twoProjects();
    const { sessionId } = engine.createSession('work-a', { projectId: a.project.id, env: { GREETING: 'leaked' } });
    const file = join(b.dir, '.codomyrmex', 'workflows', 'where.yaml');
    // What the app used to record: B's workflow, in A's session and folder. The orchestrator below the rule takes it.
    const legacy = await engine.taskOrchestrator.start(engine.workflowManager.loadWorkflowFile(file), { cwd: a.project.path, file, projectId: b.project.id, sessionId, env: { GREETING: 'leaked' } }).done;
    expect(legacy.steps.show!.outputs.dir).toBe(a.project.path);
    const again = await finished((await call('runs.rerun', { executionId: legacy.executionId, from: 'start' })).executionId);
    expect(again).toMatchObject({ status: 'completed', projectId: b.project.id, sessionId: null });
    expect(again.steps.show!.outputs).toMatchObject({ dir: b.project.path, greeting: '' });
  });

  it("records the project holding a run's file (as the CLI runs one), even from a subfolder; none outside every project", async () => {
    const { engine, b } = twoProjects();
    const own = await engine.runWorkflowFile(join(b.dir, '.codomyrmex', 'workflows', 'where.yaml'), { origin: 'cli' }).done;
    expect(own).toMatchObject({ status: 'completed', projectId: b.project.id });
    mkdirSync(join(b.dir, 'ci'));
    writeFileSync(join(b.dir, 'ci', 'where.yaml'), WHERE);
    const nested = await engine.runWorkflowFile(join(b.dir, 'ci', 'where.yaml'), { origin: 'cli' }).done;
    expect(nested).toMatchObject({ status: 'completed', projectId: b.project.id });
    expect(nested.steps.show!.outputs.dir).toBe(join(b.dir, 'ci'));
    const loose = tempDir('codomyrmex-loose-');
    writeFileSync(join(loose, 'where.yaml'), WHERE);
    const outside = await engine.runWorkflowFile(join(loose, 'where.yaml'), { origin: 'cli' }).done;
    expect(outside.projectId).toBeNull();
  });

  it('re-runs a run recorded under no project under the project registered at its folder since', async () => {
    const engine = newEngine();
    const folder = tempDir('codomyrmex-later-');
    const file = writeWorkflow(folder, 'where', WHERE);
    const first = await engine.runWorkflowFile(file, { origin: 'cli' }).done;
    expect(first.projectId).toBeNull();
    const { call, finished, project } = apiOn(engine, {}, folder);
    const again = await finished((await call('runs.rerun', { executionId: first.executionId, from: 'start' })).executionId);
    expect(again).toMatchObject({ status: 'completed', projectId: project.id, origin: 'app' });
    expect(again.steps.show!.outputs.dir).toBe(folder);
  });
});
