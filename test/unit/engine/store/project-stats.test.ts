import { describe, expect, it } from 'vitest';
import { workflowHealth } from '../../../../electron/engine/store/project-stats.js';
import type { ExecutionStatus, WorkflowExecution } from '../../../../shared/model.js';
import { newEngine, tempDir } from '../../../helpers.js';

const DAY = 86_400_000;

function record(id: string, projectId: string, workflowName: string, status: ExecutionStatus, startTime: number, durationMs: number | null): WorkflowExecution {
  return { executionId: id, workflowName, workflowFile: null, sessionId: null, projectId, status, origin: 'cli', startTime, endTime: durationMs === null ? null : startTime + durationMs, params: {}, errors: [], steps: {} };
}

describe('project dashboard figures', () => {
  it('give each workflow its last run, 30-day success rate, median duration and daily counts', () => {
    const engine = newEngine();
    const now = new Date(2026, 10, 25, 15, 0).getTime();
    const store = engine.store;
    store.executionStarted(record('a1', 'p1', 'ci', 'completed', now - 2 * DAY, 1000));
    store.executionStarted(record('a2', 'p1', 'ci', 'completed', now - 2 * DAY + 60_000, 3000));
    store.executionStarted(record('a3', 'p1', 'ci', 'failed', now - DAY, 500));
    store.executionStarted(record('a4', 'p1', 'ci', 'completed', now - 40 * DAY, 9000));
    store.executionStarted(record('b1', 'p1', 'deploy', 'completed', now - 45 * DAY, 7000));
    store.executionStarted(record('c1', 'p2', 'ci', 'cancelled', now - 3_600_000, null));
    store.flush();
    const health = workflowHealth(store.database, ['p1', 'p2', 'p3'], { now });
    const ci = health.get('p1')!.find((w) => w.workflowName === 'ci')!;
    expect(ci.runs).toBe(3);
    expect(ci.successRate).toBeCloseTo(2 / 3);
    expect(ci.medianDurationMs).toBe(2000);
    expect(ci.lastRun).toMatchObject({ executionId: 'a3', status: 'failed', durationMs: 500 });
    expect(ci.daily).toHaveLength(30);
    expect(ci.daily.at(-3)).toMatchObject({ completed: 2, failed: 0, medianMs: 2000 });
    expect(ci.daily.at(-2)).toMatchObject({ completed: 0, failed: 1 });
    // Outside the window: no runs counted, but the last run is still known.
    const deploy = health.get('p1')!.find((w) => w.workflowName === 'deploy')!;
    expect(deploy).toMatchObject({ runs: 0, successRate: null, medianDurationMs: null, lastRun: { executionId: 'b1' } });
    expect(health.get('p2')![0]).toMatchObject({ runs: 1, successRate: null, lastRun: { status: 'cancelled', durationMs: null } });
    expect(health.get('p3')).toEqual([]);
  });

  it('are read once while the store is unchanged, and again after a write of this process, of another, or at a new day', () => {
    const home = tempDir('codomyrmex-home-');
    const engine = newEngine(home);
    const now = new Date(2026, 10, 25, 15, 0).getTime();
    const { store } = engine;
    store.executionStarted(record('a1', 'p1', 'ci', 'completed', now - DAY, 1000));
    store.flush();
    const first = workflowHealth(store.database, ['p1'], { now });
    // The same answer, kept, and frozen: no caller can change what the next one gets.
    expect(workflowHealth(store.database, ['p1'], { now })).toBe(first);
    const ci = first.get('p1')![0]!;
    expect(() => (ci.daily[0]!.completed = 9)).toThrow(TypeError);
    expect(() => ((ci as { runs: number }).runs = 9)).toThrow(TypeError);
    // Other projects asked for: their own answer.
    expect(workflowHealth(store.database, ['p1', 'p2'], { now })).not.toBe(first);
    // A run recorded by this process.
    store.executionStarted(record('a2', 'p1', 'ci', 'failed', now - 3_600_000, 500));
    store.flush();
    const afterOwn = workflowHealth(store.database, ['p1'], { now });
    expect(afterOwn.get('p1')![0]).toMatchObject({ runs: 2, lastRun: { executionId: 'a2' } });
    // A run recorded by another process (another connection to the same file).
    const other = newEngine(home);
    other.store.executionStarted(record('a3', 'p1', 'ci', 'completed', now - 60_000, 700));
    other.store.flush();
    expect(workflowHealth(store.database, ['p1'], { now }).get('p1')![0]).toMatchObject({ runs: 3, lastRun: { executionId: 'a3' } });
    // The next day: the window moved, the answer is read for it.
    const tomorrow = workflowHealth(store.database, ['p1'], { now: now + DAY });
    expect(tomorrow.get('p1')![0]!.daily.at(-1)!.day).toBe('2026-11-26');
  });
});
