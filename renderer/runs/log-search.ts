// Finding text in a step's log: every match as (line, column), and stepping to the next or previous one.

export interface LogMatch {
  line: number;
  start: number;
  end: number;
}

/** Most matches listed; past it the count says "1000+" and next/prev walk the first ones. */
export const MAX_MATCHES = 1000;

export function findMatches(lines: readonly string[], query: string, plain: (line: string) => string = (line) => line): LogMatch[] {
  if (query === '') return [];
  const needle = query.toLowerCase();
  const matches: LogMatch[] = [];
  for (let line = 0; line < lines.length && matches.length < MAX_MATCHES; line++) {
    const text = plain(lines[line]!).toLowerCase();
    for (let at = text.indexOf(needle); at >= 0 && matches.length < MAX_MATCHES; at = text.indexOf(needle, at + needle.length)) {
      matches.push({ line, start: at, end: at + needle.length });
    }
  }
  return matches;
}

/** The match after (+1) or before (-1) the current one, wrapping round. */
export function stepMatch(count: number, current: number, direction: 1 | -1): number {
  if (count === 0) return -1;
  if (current < 0) return direction === 1 ? 0 : count - 1;
  return (current + direction + count) % count;
}
