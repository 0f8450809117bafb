import { describe, expect, it } from 'vitest';
import { notePlace, timelineBars, timelineSpan, timelineTicks } from '../../../../renderer/runs/timeline-geometry.js';
import { waitingText, workerLabel } from '../../../../renderer/runs/worker-words.js';
import { stepRun } from '../fixtures.js';

describe('the run timeline', () => {
  const steps = new Map([
    ['a', stepRun('succeeded', { startTime: 1_000, endTime: 3_000 })],
    ['b', stepRun('succeeded', { startTime: 3_000, endTime: 11_000, attempts: 2 })],
    ['c', stepRun('pending')],
  ]);

  it('bars sit at their start and end as fractions of the run', () => {
    const span = timelineSpan(1_000, 11_000, steps.values(), 50_000);
    const bars = timelineBars(['a', 'b', 'c'], steps, span, 50_000);
    expect(bars[0]).toMatchObject({ step: 'a', left: 0, width: 0.2 });
    expect(bars[1]).toMatchObject({ step: 'b', left: 0.2, width: 0.8, attempts: 2 });
    expect(bars[2]).toMatchObject({ step: 'c', startTime: null, width: 0 });
  });

  it('a running step grows to now, and the axis with it', () => {
    const live = new Map([['a', stepRun('running', { startTime: 1_000, endTime: null })]]);
    const span = timelineSpan(1_000, null, live.values(), 5_000);
    expect(span).toEqual({ start: 1_000, end: 5_000 });
    expect(timelineBars(['a'], live, span, 5_000)[0]).toMatchObject({ left: 0, width: 1 });
  });

  it('a step restored from the cache is a cached bar over its restore, or a marker where the record has no times', () => {
    const restored = new Map([
      ['a', stepRun('cached', { startTime: 1_000, endTime: 1_002 })],
      ['b', stepRun('cached', { startTime: null, endTime: 6_000 })],
      ['c', stepRun('cached', { startTime: null, endTime: null })],
    ]);
    const [a, b, c] = timelineBars(['a', 'b', 'c'], restored, { start: 1_000, end: 11_000 }, 0);
    expect(a).toMatchObject({ cached: true, left: 0, startTime: 1_000 });
    expect(a!.width).toBeGreaterThan(0);
    expect(b).toMatchObject({ cached: true, left: 0.5, width: 0, startTime: null });
    expect(c).toMatchObject({ cached: true, left: 0, width: 0, startTime: null });
    expect(timelineBars(['a'], new Map([['a', stepRun('succeeded')]]), { start: 1_000, end: 2_000 }, 0)[0]!.cached).toBeUndefined();
  });

  it('a step of a millisecond still gets a visible bar', () => {
    const quick = new Map([['a', stepRun('succeeded', { startTime: 1_000, endTime: 1_001 })]]);
    const bar = timelineBars(['a'], quick, { start: 1_000, end: 101_000 }, 0)[0]!;
    expect(bar.width).toBeGreaterThan(0.001);
  });

  it('ticks fall at round intervals from zero', () => {
    expect(timelineTicks({ start: 0, end: 10_000 }).map((tick) => tick.label)).toEqual(['0 ms', '2 s', '4 s', '6 s', '8 s', '10 s']);
  });

  it('a step a worker ran carries its worker, whose host sits after the bar, before it, or inside a bar filling the track', () => {
    const gpu = { id: 'w-1', host: 'gpu-box', pool: 'gpu' };
    const ran = new Map([['a', stepRun('succeeded', { startTime: 1_000, endTime: 2_000, worker: gpu })], ['b', stepRun('succeeded', { startTime: 1_000, endTime: 2_000, worker: null })]]);
    const [a, b] = timelineBars(['a', 'b'], ran, { start: 0, end: 10_000 }, 0);
    expect(a!.worker).toEqual(gpu);
    expect(b!.worker).toBeUndefined();
    expect(notePlace({ left: 0.1, width: 0.2 })).toEqual({ side: 'after', at: expect.closeTo(0.3) });
    expect(notePlace({ left: 0.5, width: 0.5 })).toEqual({ side: 'before', at: 0.5 });
    expect(notePlace({ left: 0, width: 0.95 })).toEqual({ side: 'inside', at: 0 });
    expect(workerLabel(gpu)).toBe('gpu-box · pool gpu');
  });

  it('a step waiting on the queue for a worker has no bar, though the engine gave it a start', () => {
    const waiting = new Map([['train', stepRun('queued', { startTime: 1_000, attempts: 1, reason: 'no worker in pool gpu' })]]);
    expect(timelineBars(['train'], waiting, { start: 0, end: 10_000 }, 9_000)[0]).toMatchObject({ startTime: null, width: 0 });
  });

  it('a queued step reads as "queued: " and its reason; a running one has no such words', () => {
    expect(waitingText(stepRun('queued', { reason: 'no worker in pool gpu' }))).toBe('queued: no worker in pool gpu');
    expect(waitingText(stepRun('queued'))).toBeNull();
    expect(waitingText(stepRun('running', { reason: 'no worker in pool gpu' }))).toBeNull();
  });
});
