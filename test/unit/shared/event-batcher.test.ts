import { describe, expect, it, vi } from 'vitest';
import { EventBatcher } from '../../../shared/event-batcher.js';
import type { EngineEvent } from '../../../shared/events.js';
import type { StepRun } from '../../../shared/model.js';

const run = (status: StepRun['status']): StepRun => ({ status, attempts: 1, startTime: 1, endTime: null, exitCode: null, error: null, outputs: {}, reason: null, logPath: null, logTail: '' });
const stepEvent = (step: string, status: StepRun['status']): EngineEvent => ({ type: 'step.updated', executionId: 'e1', step, run: run(status) });

describe('event batching', () => {
  it("keeps only a step's latest state within a batch, so final states are exact", async () => {
    const batches: EngineEvent[][] = [];
    const batcher = new EventBatcher((events) => batches.push(events), 16);
    for (let i = 0; i < 500; i++) {
      batcher.add(stepEvent(`s${i}`, 'pending'));
      batcher.add(stepEvent(`s${i}`, 'running'));
      batcher.add(stepEvent(`s${i}`, 'succeeded'));
    }
    batcher.flush();
    expect(batches).toHaveLength(1);
    expect(batches[0]).toHaveLength(500);
    expect(batches[0]!.every((e) => e.type === 'step.updated' && e.run.status === 'succeeded')).toBe(true);
  });

  it('concatenates log text and keeps every other event', () => {
    const batches: EngineEvent[][] = [];
    const batcher = new EventBatcher((events) => batches.push(events));
    batcher.add({ type: 'step.log', executionId: 'e1', step: 'a', text: 'one\n' });
    batcher.add({ type: 'execution.updated', execution: { executionId: 'e1' } as never });
    batcher.add({ type: 'step.log', executionId: 'e1', step: 'a', text: 'two\n' });
    batcher.flush();
    expect(batches[0]).toEqual([{ type: 'step.log', executionId: 'e1', step: 'a', text: 'one\ntwo\n' }, { type: 'execution.updated', execution: { executionId: 'e1' } }]);
  });

  it('pushes at most once per interval however many events arrive', () => {
    // On a fake clock: 50 events every millisecond for 200 ms, then a flush.
    vi.useFakeTimers({ now: 0 });
    try {
      const pushedAt: number[] = [];
      const batcher = new EventBatcher(() => pushedAt.push(Date.now()), 16);
      for (let ms = 0; ms < 200; ms++) {
        for (let i = 0; i < 50; i++) batcher.add(stepEvent(`s${i}`, 'running'));
        vi.advanceTimersByTime(1);
      }
      batcher.flush();
      expect(pushedAt).toEqual([16, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 200]);
      expect(batcher.pushes).toBe(13);
    } finally {
      vi.useRealTimers();
    }
  });
});
