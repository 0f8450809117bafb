import { describe, expect, it } from 'vitest';
import { ansiSegments, stripAnsi } from '../../../../renderer/runs/ansi.js';

describe('ANSI escapes in a log line', () => {
  it('colours and decorations become classes and the text stays text', () => {
    expect(ansiSegments('\u001b[31mred\u001b[0m plain \u001b[1;32mbold green\u001b[0m')).toEqual([
      { text: 'red', className: 'ansi-red-fg' },
      { text: ' plain ', className: '' },
      { text: 'bold green', className: 'ansi-green-fg ansi-bold' },
    ]);
  });

  it('a line without escapes is one plain segment, and an empty line none', () => {
    expect(ansiSegments('<b>not markup</b>')).toEqual([{ text: '<b>not markup</b>', className: '' }]);
    expect(ansiSegments('')).toEqual([]);
  });

  it('stripping escapes leaves what the user reads, for search and copy', () => {
    expect(stripAnsi('\u001b[33mwarning:\u001b[0m disk low')).toBe('warning: disk low');
  });
});
