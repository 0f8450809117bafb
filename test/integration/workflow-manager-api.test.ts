// The upstream guide's WorkflowManager calls: executeWorkflow by name, executeWorkflowWithRetry with its backoff,
// createWorkflow's true/false with lastError, and an execution's results and performanceMetrics.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NotFoundError, ValidationError } from '../../shared/errors.js';
import { newEngine, sh, tempDir } from '../helpers.js';

const node = JSON.stringify(process.execPath);

describe('WorkflowManager, as the guide calls it', () => {
  it('createWorkflow returns true and saves the file; false with the reason on lastError', () => {
    const manager = newEngine().workflowManager;
    expect(manager.createWorkflow('ok', [sh('a', 'true')])).toBe(true);
    expect(manager.lastError).toBeNull();
    expect(existsSync(join(manager.workflowsDir, 'ok.yaml'))).toBe(true);

    expect(manager.createWorkflow('bad', [sh('a', 'true', { dependencies: ['missing'] })])).toBe(false);
    expect(manager.lastError).toBeInstanceOf(ValidationError);
    expect(manager.lastError?.code).toBe('validation-error');
    expect(manager.lastError?.message).toMatch(/step "a", field dependencies.*missing/);
    expect(manager.getWorkflow('bad')).toBeUndefined();

    expect(manager.createWorkflow('ok-again', [sh('b', 'true')])).toBe(true);
    expect(manager.lastError).toBeNull();
    // The throwing form stays for callers that want the workflow back.
    expect(() => manager.defineWorkflow('bad', [], { saveTo: false })).toThrow(ValidationError);
  });

  it('executeWorkflow runs a workflow by name, with params, and returns results and performanceMetrics', async () => {
    const engine = newEngine();
    const manager = engine.workflowManager;
    const cwd = tempDir();
    manager.defineWorkflow('pipeline', [
      sh('fast', 'echo "value=${{ params.word }}" >> "$CODOMYRMEX_OUTPUT"'),
      // Busy until it has used 0.8 s of CPU, however loaded the machine is.
      sh('burn', `${node} -e "for (let u = process.cpuUsage(); u.user + u.system < 800000; u = process.cpuUsage());"`),
      sh('after-burn', 'sleep 0.2', { dependencies: ['burn'] }),
      sh('after-fast', 'true', { dependencies: ['fast'] }),
    ], { saveTo: false, params: { word: { default: 'x' } } });
    const execution = await manager.executeWorkflow('pipeline', { word: 'hello' }, { cwd });
    expect(execution.status).toBe('completed');
    expect(execution.results?.fast).toMatchObject({ value: 'hello', exitCode: 0 });
    expect(Object.keys(execution.results ?? {})).toEqual(['fast', 'burn', 'after-burn', 'after-fast']);

    const metrics = execution.performanceMetrics!;
    expect(metrics.criticalPath.steps).toEqual(['burn', 'after-burn']);
    expect(metrics.criticalPath.runTimeMs).toBe(metrics.steps.burn!.runTimeMs + metrics.steps['after-burn']!.runTimeMs);
    expect(metrics.steps.burn!.runTimeMs).toBeGreaterThanOrEqual(800);
    // Its CPU time, sampled from its process tree: all but what it used after the last sample (one interval at most).
    expect(metrics.steps.burn!.cpuTimeMs).toBeGreaterThanOrEqual(800 - 2 * metrics.sampleIntervalMs!);
    expect(metrics.steps.burn!.cpuTimeMs).toBeLessThanOrEqual(metrics.steps.burn!.runTimeMs + 100);
    expect(metrics.steps.burn!.peakMemoryMB).toBeGreaterThan(10);
    expect(metrics.totals.stepsRun).toBe(4);
    expect(metrics.totals.runTimeMs).toBe(Object.values(metrics.steps).reduce((sum, step) => sum + step.runTimeMs, 0));
    expect(metrics.totals.wallTimeMs).toBe(execution.endTime! - execution.startTime);
    expect(metrics.sampleIntervalMs).toBe(200);

    // The record keeps them: read back from the database.
    const stored = engine.getExecution(execution.executionId)!;
    expect(stored.performanceMetrics).toEqual(metrics);
    expect(stored.results?.fast).toMatchObject({ value: 'hello' });
  });

  it('queue wait counts the time a ready step waited for a slot', async () => {
    const manager = newEngine().workflowManager;
    manager.defineWorkflow('one-slot', [sh('first', 'sleep 0.4'), sh('second', 'true')], { saveTo: false, concurrency: 1 });
    const execution = await manager.executeWorkflow('one-slot', {}, { cwd: tempDir() });
    const steps = execution.performanceMetrics!.steps;
    const [waited, ran] = steps.first!.queueWaitMs > steps.second!.queueWaitMs ? [steps.first!, steps.second!] : [steps.second!, steps.first!];
    expect(waited.queueWaitMs).toBeGreaterThanOrEqual(ran.runTimeMs - 50);
    expect(execution.performanceMetrics!.totals.queueWaitMs).toBe(steps.first!.queueWaitMs + steps.second!.queueWaitMs);
  });

  it('a failed step ends the execution failed with its error, not a throw; an unknown name throws a NotFoundError', async () => {
    const manager = newEngine().workflowManager;
    manager.defineWorkflow('broken', [sh('oops', 'exit 3'), sh('next', 'true', { dependencies: ['oops'] })], { saveTo: false });
    const execution = await manager.executeWorkflow('broken', {}, { cwd: tempDir() });
    expect(execution.status).toBe('failed');
    expect(execution.errors).toEqual(['oops: command exited with code 3']);
    expect(execution.performanceMetrics!.steps.next).toMatchObject({ runTimeMs: 0, attempts: 0, cpuTimeMs: null });
    await expect(manager.executeWorkflow('nowhere')).rejects.toThrow(NotFoundError);
    await expect(manager.executeWorkflow('nowhere')).rejects.toThrow('unknown workflow "nowhere" (known: broken)');
  });

  it('executeWorkflowWithRetry runs again after 1 s, then 2 s, until a run completes', async () => {
    const manager = newEngine().workflowManager;
    const cwd = tempDir();
    // Fails on its first two runs: the tries file counts them.
    manager.defineWorkflow('flaky', [sh('flaky', 'n=$(cat tries 2>/dev/null || echo 0); n=$((n+1)); echo $n > tries; date +%s%3N >> times; [ $n -ge 3 ]')], { saveTo: false });
    const execution = await manager.executeWorkflowWithRetry('flaky', 3, {}, { cwd });
    expect(execution.status).toBe('completed');
    const { readFileSync } = await import('node:fs');
    const times = readFileSync(join(cwd, 'times'), 'utf8').trim().split('\n').map(Number);
    expect(times).toHaveLength(3);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(1000);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(2000);
    // Each retry records the run it retried.
    const runs = manager.listExecutions({ workflowName: 'flaky' });
    const first = runs.at(-1)!;
    expect(first.status).toBe('failed');
    expect(manager.getExecution(execution.executionId)!.rerunOf).toBe(runs[1]!.executionId);
  });

  it('executeWorkflowWithRetry gives the last failed run back after maxRetries runs, and never retries an invalid workflow', async () => {
    const manager = newEngine().workflowManager;
    const cwd = tempDir();
    manager.defineWorkflow('always-fails', [sh('no', 'echo x >> runs; exit 1')], { saveTo: false });
    const execution = await manager.executeWorkflowWithRetry('always-fails', 2, {}, { cwd });
    expect(execution.status).toBe('failed');
    expect(manager.listExecutions({ workflowName: 'always-fails' })).toHaveLength(2);
    await expect(manager.executeWorkflowWithRetry('always-fails', 0)).rejects.toThrow('maxRetries must be a whole number of runs, at least 1 (got 0)');
    manager.defineWorkflow('needs-param', [sh('a', 'echo ${{ params.who }}')], { saveTo: false, params: { who: {} } });
    const started = Date.now();
    await expect(manager.executeWorkflowWithRetry('needs-param', 3, {}, { cwd })).rejects.toThrow(ValidationError);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('a run-wide timeout cancels the run', async () => {
    const manager = newEngine().workflowManager;
    manager.defineWorkflow('slow', [sh('wait', 'sleep 30')], { saveTo: false });
    const execution = await manager.executeWorkflow('slow', {}, { cwd: tempDir(), timeout: 0.3 });
    expect(execution.status).toBe('cancelled');
  });
});
