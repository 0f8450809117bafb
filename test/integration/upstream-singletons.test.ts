// The guide's module-level getters and a WorkflowManager built as the upstream builds one, on $CODOMYRMEX_HOME.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  getOrchestrationEngine, getProjectManager, getResourceManager, getTaskOrchestrator, getWorkflowManager, WorkflowManager,
} from '../../electron/engine/index.js';
import { sh, tempDir } from '../helpers.js';

// Kept for the whole file (tempDir's go after each test): the shared engine lives as long as the process.
const home = mkdtempSync(join(tmpdir(), 'codomyrmex-shared-home-'));
process.env.CODOMYRMEX_HOME = home;
afterAll(async () => {
  await getOrchestrationEngine().close();
  rmSync(home, { recursive: true, force: true });
});

describe('the upstream getters', () => {
  it('are the shared engine\'s managers, on $CODOMYRMEX_HOME', () => {
    const engine = getOrchestrationEngine();
    expect(engine.paths.home).toBe(home);
    expect(getWorkflowManager()).toBe(engine.workflowManager);
    expect(getTaskOrchestrator()).toBe(engine.taskOrchestrator);
    expect(getProjectManager()).toBe(engine.projectManager);
    expect(getResourceManager()).toBe(engine.resourceManager);
    expect(getWorkflowManager()).toBe(getWorkflowManager());
  });

  it('createSession returns the session, with its sessionId', () => {
    const session = getOrchestrationEngine().createSession('My First Session');
    expect(session).toMatchObject({ name: 'My First Session', status: 'active', projectId: null });
    expect(getOrchestrationEngine().getSession(session.sessionId)).toEqual(session);
  });
});

describe('new WorkflowManager({ enablePerformanceMonitoring })', () => {
  it('works without a hand-built store: creates, saves and runs, recorded in the shared records', async () => {
    const manager = new WorkflowManager({ enablePerformanceMonitoring: false });
    expect(manager.workflowsDir).toBe(join(home, 'workflows'));
    expect(manager.createWorkflow('standalone', [sh('hello', 'echo hi')])).toBe(true);
    expect(existsSync(join(home, 'workflows', 'standalone.yaml'))).toBe(true);
    const execution = await manager.executeWorkflow('standalone', {}, { cwd: tempDir() });
    expect(execution.status).toBe('completed');
    expect(execution.results?.hello).toMatchObject({ stdout: 'hi\n' });
    // Monitoring off: timings kept, no process sampled.
    expect(execution.performanceMetrics?.steps.hello).toMatchObject({ cpuTimeMs: null, peakMemoryMB: null, attempts: 1 });
    expect(execution.performanceMetrics?.sampleIntervalMs).toBeNull();
    expect(getOrchestrationEngine().getExecution(execution.executionId)?.status).toBe('completed');
    // Its workflows are its own, as an upstream instance's are.
    expect(getWorkflowManager().getWorkflow('standalone')).toBeUndefined();
  });

  it('takes its own workflows folder', () => {
    const dir = tempDir();
    const manager = new WorkflowManager({ workflowsDir: dir });
    expect(manager.enablePerformanceMonitoring).toBe(true);
    expect(manager.createWorkflow('here', [sh('a', 'true')])).toBe(true);
    expect(existsSync(join(dir, 'here.yaml'))).toBe(true);
  });
});
