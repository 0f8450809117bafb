import { describe, expect, it } from 'vitest';
import { createLogStore, LOG_CAP, logKey, visibleLineCount } from '../../../../renderer/runs/log-store.js';
import { utf8Length } from '../../../../shared/utf8-length.js';

const buffer = (store: ReturnType<typeof createLogStore>, step = 'build') => store.getState().buffers.get(logKey('e1', step))!;
const log = (text: string, step = 'build') => ({ executionId: 'e1', step, text });

describe('the log store', () => {
  it('live text is appended line by line, a line split across pushes joined again', () => {
    const store = createLogStore();
    store.getState().append([log('first\nsec'), log('ond\nthi')]);
    store.getState().append([log('rd\n')]);
    expect(buffer(store).lines).toEqual(['first', 'second', 'third', '']);
    expect(visibleLineCount(buffer(store))).toBe(3);
    expect(buffer(store).endOffset).toBe('first\nsecond\nthird\n'.length);
  });

  it('a step printing far more than the cap keeps only the newest lines, whole, and says how much is on disk only', () => {
    const store = createLogStore();
    const line = `${'x'.repeat(99)}\n`;
    for (let i = 0; i < 100; i++) store.getState().append([log(line.repeat(100))]);
    store.getState().append([log('the end\n')]);
    const kept = buffer(store);
    expect(kept.chars).toBeLessThanOrEqual(LOG_CAP);
    expect(kept.lines.at(-2)).toBe('the end');
    expect(kept.lines[0]).toBe('x'.repeat(99));
    // The marker's source: everything before startOffset is on disk only.
    expect(kept.startOffset).toBe(100 * 100 * 100 + 8 - (kept.chars));
    expect(kept.startOffset).toBeGreaterThan(0);
  });

  it('a batch of pushes changes the store once', () => {
    const store = createLogStore();
    let commits = 0;
    store.subscribe(() => commits++);
    store.getState().append([log('a\n'), log('b\n', 'test'), log('c\n')]);
    expect(commits).toBe(1);
    expect(buffer(store).lines).toEqual(['a', 'c', '']);
  });

  it('while the tail is read from disk live pushes wait for it, and the slice replaces the buffer', () => {
    const store = createLogStore();
    store.getState().append([log('seen live\n')]);
    store.getState().startSeeding('e1', 'build');
    store.getState().append([{ ...log('also on disk\n'), offset: 1022 }]);
    expect(buffer(store).lines).toEqual(['seen live', '']);
    store.getState().seed('e1', 'build', 'half a line\nseen live\nalso on disk\n', 1000);
    // A slice starting mid-file may start mid-line: that partial line is dropped.
    expect(buffer(store).lines).toEqual(['seen live', 'also on disk', '']);
    expect(buffer(store).startOffset).toBe(1000 + 'half a line\n'.length);
    store.getState().append([log('after\n')]);
    expect(buffer(store).lines.at(-2)).toBe('after');
  });

  it('earlier output read from disk goes before the held lines, and is not trimmed away by the cap at once', () => {
    const store = createLogStore();
    store.getState().seed('e1', 'build', 'partial\nline 3\nline 4\n', 20);
    const start = buffer(store).startOffset;
    // "load more" reads from an arbitrary offset: the partial first line of the slice is dropped.
    store.getState().prepend('e1', 'build', 'ne 0\nline 1\nline 2\n', start - 19);
    expect(buffer(store).lines).toEqual(['line 1', 'line 2', 'line 3', 'line 4', '']);
    expect(buffer(store).startOffset).toBe(start - 14);
  });

  it('UTF-8 sizes count multi-byte characters as the disk does', () => {
    expect(utf8Length('aé€😀')).toBe(1 + 2 + 3 + 4);
  });

  it('a run\'s buffers can be dropped together', () => {
    const store = createLogStore();
    store.getState().append([log('a\n'), log('b\n', 'test')]);
    store.getState().drop('e1');
    expect(store.getState().buffers.size).toBe(0);
  });
});

describe('the log store with the engine\'s offsets', () => {
  it('pushes already covered by a disk read are not shown twice, and one overlapping it adds only the new part', () => {
    const store = createLogStore();
    store.getState().startSeeding('e1', 'build');
    store.getState().append([{ ...log('b\n'), offset: 2 }, { ...log('c\nd\n'), offset: 4 }]);
    store.getState().seed('e1', 'build', 'a\nb\nc\n', 0);
    expect(buffer(store).lines).toEqual(['a', 'b', 'c', 'd', '']);
    expect(buffer(store).endOffset).toBe(8);
  });

  it('a page that joins mid-run knows the earlier output is on disk', () => {
    const store = createLogStore();
    store.getState().append([{ ...log('line 900\n'), offset: 9_000 }]);
    expect(buffer(store).startOffset).toBe(9_000);
  });

  it('bytes the engine did not send live leave its marker line, and offsets jump past them', () => {
    const store = createLogStore();
    store.getState().append([{ ...log('a\n'), offset: 0 }]);
    store.getState().append([{ ...log('… 500 bytes not shown live — the full log is on disk\nz\n'), offset: 502, skipped: 500 }]);
    expect(buffer(store).lines).toEqual(['a', '… 500 bytes not shown live — the full log is on disk', 'z', '']);
    expect(buffer(store).endOffset).toBe(504);
  });
});
