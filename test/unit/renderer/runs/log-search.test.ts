import { describe, expect, it } from 'vitest';
import { findMatches, stepMatch } from '../../../../renderer/runs/log-search.js';

describe('searching a log', () => {
  it('finds every match, case-insensitively, with its line and columns', () => {
    expect(findMatches(['Error one', 'fine', 'error, error'], 'error')).toEqual([
      { line: 0, start: 0, end: 5 }, { line: 2, start: 0, end: 5 }, { line: 2, start: 7, end: 12 },
    ]);
  });

  it('next and previous wrap round', () => {
    expect(stepMatch(3, -1, 1)).toBe(0);
    expect(stepMatch(3, -1, -1)).toBe(2);
    expect(stepMatch(3, 2, 1)).toBe(0);
    expect(stepMatch(3, 0, -1)).toBe(2);
    expect(stepMatch(0, 0, 1)).toBe(-1);
  });
});
