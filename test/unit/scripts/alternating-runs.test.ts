// The baseline bench's fold of alternating runs: medians per figure, text kept, odd lines from the first run.
import { describe, expect, it } from 'vitest';
import { abbaOrder, mergeRuns } from '../../../scripts/bench/alternating-runs.mjs';

describe('abbaOrder', () => {
  it('alternates which side goes first, round by round', () => {
    expect(abbaOrder(2)).toEqual(['baseline', 'ours', 'ours', 'baseline']);
    expect(abbaOrder(3)).toEqual(['baseline', 'ours', 'ours', 'baseline', 'baseline', 'ours']);
  });
});

describe('mergeRuns', () => {
  it('replaces each number of a line by its median across the runs, keeping the text around it', () => {
    const runs = [
      '■ cache: 400-step layered DAG\n  codomyrmex run 707 ms, p95 9.50 ms (goal ≤ 3×)',
      '■ cache: 400-step layered DAG\n  codomyrmex run 780 ms, p95 9.10 ms (goal ≤ 3×)',
      '■ cache: 400-step layered DAG\n  codomyrmex run 731 ms, p95 12.00 ms (goal ≤ 3×)',
    ];
    expect(mergeRuns(runs)).toBe('■ cache: 400-step layered DAG\n  codomyrmex run 731 ms, p95 9.50 ms (goal ≤ 3×)');
  });

  it('takes the mean of the two middle values for an even count, written as precisely as the inputs', () => {
    expect(mergeRuns(['took 700 ms, ratio 1.25×', 'took 780 ms, ratio 1.5×'])).toBe('took 740 ms, ratio 1.38×');
  });

  it('keeps thousands separators and treats a signed figure as one number', () => {
    expect(mergeRuns(['10,000 steps in 1,200 ms, delta -3 ms', '10,000 steps in 1,400 ms, delta 5 ms'])).toBe('10,000 steps in 1,300 ms, delta 1 ms');
  });

  it('prints a line whose words differ between runs as the first run printed it', () => {
    const runs = ['exit code 0, record succeeded in 12 ms\nall 3 lost', 'exit code 0, record failed in 15 ms\nall 5 lost'];
    expect(mergeRuns(runs)).toBe('exit code 0, record succeeded in 12 ms\nall 4 lost');
  });

  it('prints lines only the first run has as they are, and one run unchanged', () => {
    expect(mergeRuns(['a 1\nb 2', 'a 3'])).toBe('a 2\nb 2');
    expect(mergeRuns(['a 1.0 ms\n\nb'])).toBe('a 1.0 ms\n\nb');
  });
});
