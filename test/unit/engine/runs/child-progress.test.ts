import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChildRunProgress, StepRun, WorkflowExecution } from '../../../../shared/model.js';
import { ChildProgress } from '../../../../electron/engine/runs/child-progress.js';

function child(done: number, total: number, status: WorkflowExecution['status'] = 'running'): WorkflowExecution {
  const step = (ended: boolean): StepRun => ({ status: ended ? 'succeeded' : 'pending', attempts: 0, startTime: null, endTime: null, exitCode: null, error: null, outputs: {}, reason: null, logPath: null, logTail: '' });
  const steps = Object.fromEntries(Array.from({ length: total }, (_, i) => [`s${i}`, step(i < done)]));
  return { executionId: 'c', workflowName: 'child', workflowFile: null, sessionId: null, projectId: null, status, origin: 'api', startTime: 0, endTime: null, params: {}, errors: [], steps };
}

afterEach(() => void vi.useRealTimers());

describe("a subflow's child progress", () => {
  it('reports the first change at once, coalesces a burst into one report per interval, and the end at once', () => {
    vi.useFakeTimers();
    const reports: ChildRunProgress[] = [];
    const progress = new ChildProgress((report) => reports.push(report), 100);
    progress.now(child(0, 400));
    for (let done = 1; done <= 250; done++) progress.changed(child(done, 400));
    expect(reports.map((r) => r.done)).toEqual([0]);
    vi.advanceTimersByTime(100);
    expect(reports.map((r) => r.done)).toEqual([0, 250]);
    progress.changed(child(300, 400));
    progress.now(child(400, 400, 'completed'));
    vi.advanceTimersByTime(1000);
    expect(reports).toEqual([
      { executionId: 'c', workflowName: 'child', status: 'running', done: 0, total: 400 },
      { executionId: 'c', workflowName: 'child', status: 'running', done: 250, total: 400 },
      { executionId: 'c', workflowName: 'child', status: 'completed', done: 400, total: 400 },
    ]);
  });
});
