// A project's status follows its runs only when it opts in: active while a run goes, failed after a failing health
// check, back to its resting status after a passing one; each change saved with its reason and raised as a notice.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OrchestrationEngine } from '../../electron/engine/orchestration-engine.js';
import type { ProjectStatus } from '../../shared/model.js';
import { cli } from '../cli.js';
import { newEngine, sh, tempDir, workflow } from '../helpers.js';
import { mcpProcess } from '../mcp-process.js';

function setUp(status: ProjectStatus = 'completed') {
  const engine = newEngine();
  const project = engine.projectManager.createProject({ name: 'shop', parentDir: tempDir(), status });
  const runOf = (name: string, command: string) => engine.runWorkflow(workflow([sh('only', command)], { name }), { cwd: project.path, projectId: project.id, origin: 'api' });
  const current = () => engine.projectManager.getProject(project.id)!;
  return { engine, project, runOf, current };
}

/** Waits until the project's status is `status` (a run's start is seen as its first event, within milliseconds). */
async function statusBecomes(engine: OrchestrationEngine, projectId: string, status: string): Promise<void> {
  for (let i = 0; i < 200 && engine.projectManager.getProject(projectId)!.status !== status; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(engine.projectManager.getProject(projectId)!.status).toBe(status);
}

describe('project status following runs', () => {
  it('is off by default: runs, passing or failing, never change a project’s status', async () => {
    const { runOf, current } = setUp('planning');
    expect((await runOf('ci', 'exit 3').done).status).toBe('failed');
    expect((await runOf('ci', 'true').done).status).toBe('completed');
    expect(current()).toMatchObject({ status: 'planning' });
    expect(current().lastStatusChange).toBeUndefined();
    expect(current().statusFollowsRuns).toBeUndefined();
  });

  it('goes active while a run goes, failed after a failing health check, and back to its resting status after a passing one', async () => {
    const { engine, project, runOf, current } = setUp('completed');
    engine.projectManager.setStatusFollowsRuns(project.id, { healthCheck: 'ci' });
    expect(current().statusFollowsRuns).toEqual({ healthCheck: 'ci', restingStatus: 'completed' });

    const slow = runOf('build', 'sleep 0.4');
    await statusBecomes(engine, project.id, 'active');
    expect(current().lastStatusChange).toMatchObject({ from: 'completed', to: 'active', reason: `run ${slow.executionId.slice(0, 8)} of "build" started` });
    await slow.done;
    // No health check has run yet: back to where it rests.
    expect(current()).toMatchObject({ status: 'completed', lastStatusChange: { from: 'active', to: 'completed', reason: 'its runs ended; health check "ci" has not run yet' } });

    const failing = await runOf('ci', 'echo broken; exit 1').done;
    expect(current()).toMatchObject({ status: 'failed', lastStatusChange: { to: 'failed', executionId: failing.executionId, reason: `the last run of its health check "ci" failed (run ${failing.executionId.slice(0, 8)})` } });
    expect(engine.notices.list().map((notice) => [notice.level, notice.message])).toContainEqual(['warning', `project "shop" is now failed (was active): the last run of its health check "ci" failed (run ${failing.executionId.slice(0, 8)})`]);

    // Another workflow passing says nothing of health: still failed after it.
    await runOf('build', 'true').done;
    expect(current().status).toBe('failed');

    const passing = await runOf('ci', 'true').done;
    expect(current()).toMatchObject({ status: 'completed', lastStatusChange: { from: 'active', to: 'completed', executionId: passing.executionId, reason: 'its runs ended; the last run of its health check "ci" passed' } });
  });

  it('stays active until the last of its runs ends', async () => {
    const { engine, project, runOf, current } = setUp('paused');
    engine.projectManager.setStatusFollowsRuns(project.id, { healthCheck: null });
    const long = runOf('long', 'sleep 0.6');
    const short = runOf('short', 'sleep 0.1');
    await short.done;
    expect(current().status).toBe('active');
    await long.done;
    expect(current()).toMatchObject({ status: 'paused', lastStatusChange: { to: 'paused', reason: 'its runs ended' } });
  });

  it('a cancelled health check keeps the last verdict; a status set by hand becomes the resting one; turned off, runs change nothing', async () => {
    const { engine, project, runOf, current } = setUp('completed');
    engine.projectManager.setStatusFollowsRuns(project.id, { healthCheck: 'ci' });
    await runOf('ci', 'exit 1').done;
    const cancelled = runOf('ci', 'sleep 5');
    await statusBecomes(engine, project.id, 'active');
    engine.cancelExecution(cancelled.executionId);
    expect((await cancelled.done).status).toBe('cancelled');
    expect(current().status).toBe('failed');

    engine.projectManager.updateProjectStatus(project.id, 'archived');
    expect(current().statusFollowsRuns).toEqual({ healthCheck: 'ci', restingStatus: 'archived' });
    await runOf('ci', 'true').done;
    expect(current().status).toBe('archived');

    engine.projectManager.setStatusFollowsRuns(project.id, null);
    await runOf('ci', 'exit 1').done;
    expect(current()).toMatchObject({ status: 'archived' });
    expect(current().statusFollowsRuns).toBeUndefined();
  });
});

describe('over MCP', () => {
  it('a health check run by an agent sets the project failed, and list_projects says so and why', async () => {
    const home = tempDir('codomyrmex-home-');
    const dir = tempDir();
    mkdirSync(join(dir, '.codomyrmex', 'workflows'), { recursive: true });
    writeFileSync(join(dir, '.codomyrmex', 'workflows', 'ci.yaml'), 'version: 1\nname: ci\nsteps:\n  - { name: test, module: shell, action: run, parameters: { command: "exit 1" } }\n');
    const engine = newEngine(home);
    const project = engine.projectManager.addProject(dir, 'shop');
    engine.projectManager.setStatusFollowsRuns(project.id, { healthCheck: 'ci' });
    const mcp = await mcpProcess(dir, home);
    try {
      const run = await mcp.call('tools/call', { name: 'execute_workflow', arguments: { workflow_name: 'ci' } });
      expect((run.result!.structuredContent as { status: string }).status).toBe('failed');
      const listed = await mcp.call('tools/call', { name: 'list_projects', arguments: {} });
      const [shop] = (listed.result!.structuredContent as { projects: Record<string, unknown>[] }).projects;
      expect(shop).toMatchObject({
        name: 'shop',
        status: 'failed',
        status_follows_runs: { health_check: 'ci', resting_status: 'active' },
        last_status_change: { from: 'active', to: 'failed', reason: expect.stringContaining('the last run of its health check "ci" failed') },
      });
    } finally {
      await mcp.stop();
    }
  });
});

describe('codomyrmex projects', () => {
  it('turns following on from the CLI; a failing health-check run sets failed, said on stderr and shown by projects', () => {
    const home = tempDir('codomyrmex-home-');
    const dir = tempDir();
    mkdirSync(join(dir, '.codomyrmex', 'workflows'), { recursive: true });
    const ci = join(dir, '.codomyrmex', 'workflows', 'ci.yaml');
    writeFileSync(ci, 'version: 1\nname: ci\nsteps:\n  - { name: test, module: shell, action: run, parameters: { command: "exit 1" } }\n');
    const engine = newEngine(home);
    engine.projectManager.addProject(dir, 'shop');

    const set = cli(['projects', 'set', 'shop', '--status-follows-runs', 'on', '--health-check', 'ci'], home);
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toContain('status follows runs: active while they go, then failed if health check "ci" failed, else active');

    const run = cli(['run', ci], home);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('project "shop" is now failed (was active): the last run of its health check "ci" failed');
    const [listed] = JSON.parse(cli(['projects', '--json'], home).stdout) as { status: string; lastStatusChange: { to: string; reason: string } }[];
    expect(listed).toMatchObject({ status: 'failed', lastStatusChange: { to: 'failed' } });
    expect(cli(['projects'], home).stdout).toMatch(/last change by runs: active → failed at .*: the last run of its health check "ci" failed/);

    const off = cli(['projects', 'set', 'shop', '--status-follows-runs', 'off', '--status', 'active', '--json'], home);
    expect(JSON.parse(off.stdout)).toMatchObject({ status: 'active' });
    expect(JSON.parse(off.stdout).statusFollowsRuns).toBeUndefined();
  });

  it('refuses a bad command line with exit 2', () => {
    const home = tempDir('codomyrmex-home-');
    newEngine(home).projectManager.addProject(tempDir(), 'shop');
    for (const [args, message] of [
      [['projects', 'set', 'shop'], 'nothing to change'],
      [['projects', 'set', 'shop', '--status-follows-runs', 'yes'], '--status-follows-runs yes: say on or off'],
      [['projects', 'set', 'shop', '--status', 'broken'], '--status broken: a project status is one of planning, active, paused, completed, archived, failed'],
      [['projects', 'set', 'nowhere', '--status', 'active'], 'unknown project "nowhere"'],
    ] as const) {
      const result = cli([...args], home);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toContain(message);
    }
  });
});
