import { describe, expect, it } from 'vitest';
import { createLiveRunStore, type RunEvent } from '../../../../renderer/runs/live-run-store.js';
import { countSucceeded, isRunFinished } from '../../../../renderer/runs/run-selectors.js';
import { execution, stepRun, summary } from '../fixtures.js';

describe('the run store', () => {
  it('a batch of step events updates the run store exactly, in one commit', () => {
    const store = createLiveRunStore();
    let commits = 0;
    store.subscribe(() => commits++);
    const events: RunEvent[] = [{ type: 'execution.updated', execution: summary('e1') }];
    for (let i = 0; i < 5000; i++) events.push({ type: 'step.updated', executionId: 'e1', step: `s${i}`, run: stepRun('running') });
    for (let i = 0; i < 5000; i++) events.push({ type: 'step.updated', executionId: 'e1', step: `s${i}`, run: stepRun('succeeded') });
    events.push({ type: 'execution.updated', execution: summary('e1', { status: 'completed', endTime: 3_000 }) });

    store.getState().applyEvents(events);

    expect(commits).toBe(1);
    const record = store.getState().runs.get('e1')!;
    expect(countSucceeded(record)).toEqual({ succeeded: 5000, other: 0 });
    expect(isRunFinished(record)).toBe(true);
  });

  it('each applied batch gives the touched run a new record, and leaves the others as they were', () => {
    const store = createLiveRunStore();
    store.getState().applyEvents([{ type: 'execution.updated', execution: summary('e1') }, { type: 'execution.updated', execution: summary('e2') }]);
    const before = store.getState().runs.get('e2');
    const firstE1 = store.getState().runs.get('e1');
    store.getState().applyEvents([{ type: 'step.updated', executionId: 'e1', step: 'a', run: stepRun('running') }]);
    expect(store.getState().runs.get('e1')).not.toBe(firstE1);
    expect(store.getState().runs.get('e2')).toBe(before);
  });

  it('an update older than what the store holds never takes a finished step back', () => {
    const store = createLiveRunStore();
    store.getState().loadExecution(execution('e1', { build: stepRun('succeeded') }, { status: 'completed', endTime: 2_000 }));
    // Events emitted before the snapshot may still be on their way when it lands.
    store.getState().applyEvents([
      { type: 'step.updated', executionId: 'e1', step: 'build', run: stepRun('running') },
      { type: 'execution.updated', execution: summary('e1', { status: 'running' }) },
    ]);
    const record = store.getState().runs.get('e1')!;
    expect(record.steps.get('build')?.status).toBe('succeeded');
    expect(record.summary?.status).toBe('completed');
  });

  it('a retry moves a step forward by its attempt count', () => {
    const store = createLiveRunStore();
    store.getState().applyEvents([
      { type: 'step.updated', executionId: 'e1', step: 'flaky', run: stepRun('retrying', { attempts: 1 }) },
      { type: 'step.updated', executionId: 'e1', step: 'flaky', run: stepRun('running', { attempts: 2 }) },
      { type: 'step.updated', executionId: 'e1', step: 'flaky', run: stepRun('succeeded', { attempts: 2 }) },
    ]);
    expect(store.getState().runs.get('e1')!.steps.get('flaky')).toMatchObject({ status: 'succeeded', attempts: 2 });
  });

  it('runs are listed newest first, whether they came from runs.list or from events', () => {
    const store = createLiveRunStore();
    store.getState().setRecent([execution('old', {}, { startTime: 1 }), execution('mid', {}, { startTime: 5 })]);
    store.getState().applyEvents([{ type: 'execution.updated', execution: summary('new', { startTime: 9 }) }]);
    expect(store.getState().order).toEqual(['new', 'mid', 'old']);
  });

  it('a fetched run fills in the steps events had not reported', () => {
    const store = createLiveRunStore();
    store.getState().applyEvents([{ type: 'step.updated', executionId: 'e1', step: 'a', run: stepRun('succeeded') }]);
    store.getState().loadExecution(execution('e1', { a: stepRun('running'), b: stepRun('pending', { logTail: 'waiting\n' }) }));
    const record = store.getState().runs.get('e1')!;
    expect(record.steps.get('a')?.status).toBe('succeeded');
    expect(record.steps.get('b')?.status).toBe('pending');
  });
});
