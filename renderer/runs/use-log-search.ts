// The log panel's search: matches over the held lines (recomputed as lines arrive), the current one, next/prev.
import { useMemo, useState } from 'react';
import { stripAnsi } from './ansi.js';
import { findMatches, stepMatch, type LogMatch } from './log-search.js';

export function useLogSearch(lines: readonly string[], revision: number) {
  const [query, setQuery] = useState('');
  const [current, setCurrent] = useState(-1);
  // Lines are mutated in place: the revision (a dependency the body never reads) says when they changed.
  const matches = useMemo(() => findMatches(lines, query, stripAnsi), [lines, query, revision]);
  const byLine = useMemo(() => {
    const map = new Map<number, LogMatch[]>();
    for (const match of matches) map.set(match.line, [...(map.get(match.line) ?? []), match]);
    return map;
  }, [matches]);
  const move = (direction: 1 | -1): LogMatch | undefined => {
    const next = stepMatch(matches.length, current, direction);
    setCurrent(next);
    return matches[next];
  };
  const search = (text: string): void => {
    setQuery(text);
    setCurrent(-1);
  };
  return { query, search, matches, byLine, current: matches[current], currentIndex: current, move };
}
