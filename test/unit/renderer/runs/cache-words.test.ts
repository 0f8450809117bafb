import { describe, expect, it } from 'vitest';
import { cacheBypass, cachedCount, runBypass, cacheNote, cacheShare, changeText, listedChanges, shortKey } from '../../../../renderer/runs/cache-words.js';
import { stepRun } from '../fixtures.js';

const KEY = '3f2a9c1e4b7d0a5566778899aabbccddeeff00112233445566778899aabbccdd';

describe('the step cache in words', () => {
  it('a key reads as its first 12 hex digits', () => {
    expect(shortKey(KEY)).toBe('3f2a9c1e4b7d');
  });

  it('each change reads as the engine words a single change in its summary', () => {
    expect(changeText({ kind: 'input', name: 'src/a.c', detail: 'changed' })).toBe('input src/a.c changed');
    expect(changeText({ kind: 'env', name: 'CC', detail: 'unset' })).toBe('env CC unset');
    expect(changeText({ kind: 'upstream', name: 'gen', detail: 'output changed' })).toBe('upstream gen output changed');
    expect(changeText({ kind: 'params', name: 'parameters', detail: 'changed' })).toBe('parameters changed');
    expect(changeText({ kind: 'action', name: 'shell.run', detail: 'shell.run 1.0.0 → shell.run 1.1.0' })).toBe('action shell.run 1.0.0 → shell.run 1.1.0');
    expect(changeText({ kind: 'cwd', name: 'sub', detail: 'was .' })).toBe('working directory sub (was .)');
    expect(changeText({ kind: 'outputs', name: 'out/a.o', detail: 'output differs from the cache (changed since)' })).toBe('out/a.o output differs from the cache (changed since)');
  });

  it('lists the changes under a miss unless its summary already is the only one', () => {
    const one = { kind: 'input' as const, name: 'src/a.c', detail: 'changed' };
    const two = { kind: 'env' as const, name: 'CC', detail: 'changed' };
    expect(listedChanges({ summary: 'input src/a.c changed', changes: [one] })).toEqual([]);
    expect(listedChanges({ summary: '1 input and env CC changed', changes: [one, two] })).toEqual([one, two]);
    expect(listedChanges({ summary: 'first run', changes: [] })).toEqual([]);
  });

  it('--no-cache and --force say what went around the cache; any other miss is no bypass', () => {
    expect(cacheBypass({ summary: '--no-cache', changes: [] })).toBe('--no-cache: the cache was neither read nor written');
    expect(cacheBypass({ summary: '--force', changes: [] })).toMatch(/^--force: run again/);
    expect(cacheBypass({ summary: 'input src/a.c changed', changes: [] })).toBeNull();
    expect(cacheBypass(null)).toBeNull();
  });

  it('a node says it was restored with its short key, or why it ran; a step without cache says nothing', () => {
    expect(cacheNote(stepRun('cached', { cacheKey: KEY }))).toBe('Restored from cache (key 3f2a9c1e4b7d)');
    expect(cacheNote(stepRun('succeeded', { cacheMiss: { summary: 'first run', changes: [] } }))).toBe('Ran: first run');
    expect(cacheNote(stepRun('succeeded'))).toBeNull();
    expect(cacheNote(undefined)).toBeNull();
  });

  it('a run of only cached steps reads "all cached", some "n cached", none nothing; left-out steps do not count', () => {
    expect(cacheShare([stepRun('cached'), stepRun('cached'), stepRun('not-selected')])).toBe('all cached');
    expect(cacheShare([stepRun('cached'), stepRun('succeeded')])).toBe('1 cached');
    expect(cacheShare([stepRun('succeeded')])).toBeNull();
    expect(cacheShare([])).toBeNull();
    // A history row listed without its steps says it from the counts it was listed with; loaded steps win.
    expect(cacheShare([], { cached: 3, others: 0 })).toBe('all cached');
    expect(cacheShare([], { cached: 2, others: 1 })).toBe('2 cached');
    expect(cacheShare([], { cached: 0, others: 4 })).toBeNull();
    expect(cacheShare([stepRun('succeeded')], { cached: 3, others: 0 })).toBeNull();
    expect(cachedCount([stepRun('cached'), stepRun('succeeded'), stepRun('cached')])).toBe(2);
  });

  it('a run says it ran without the cache, or which steps it forced, from its steps\' records', () => {
    const miss = (summary: string) => stepRun('succeeded', { cacheMiss: { summary, changes: [] } });
    expect(runBypass([['a', miss('--no-cache')], ['b', stepRun('succeeded')]])).toEqual({ kind: 'no-cache', text: 'run without cache' });
    expect(runBypass([['a', miss('--force')], ['b', stepRun('cached')]])).toEqual({ kind: 'force', text: 'forced: a' });
    expect(runBypass(['a', 'b', 'c', 'd'].map((name) => [name, miss('--force')] as [string, ReturnType<typeof miss>]))).toEqual({ kind: 'force', text: '4 steps forced' });
    expect(runBypass([['a', miss('input src/a.c changed')]])).toBeNull();
  });
});
