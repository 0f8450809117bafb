// A log line's ANSI escapes as styled segments (anser does the parsing): classes for colours and decorations, the
// text kept as text — React renders it escaped, so a log can never inject markup.
import Anser from 'anser';

export interface AnsiSegment {
  text: string;
  /** Space-separated classes (`ansi-red-fg ansi-bold`), or '' for plain text. */
  className: string;
}

// eslint-disable-next-line no-control-regex -- the escape character is exactly what is looked for
const HAS_ESCAPE = /\u001b/;

export function ansiSegments(line: string): AnsiSegment[] {
  // Most lines have no escapes: skip the parser for them (a 30,000-line log is scrolled through quickly).
  if (!HAS_ESCAPE.test(line)) return line === '' ? [] : [{ text: line, className: '' }];
  const segments: AnsiSegment[] = [];
  for (const part of Anser.ansiToJson(line, { use_classes: true, remove_empty: true })) {
    if (part.content === '') continue;
    const classes: string[] = [];
    if (part.fg) classes.push(`${part.fg}-fg`);
    if (part.bg) classes.push(`${part.bg}-bg`);
    for (const decoration of part.decorations ?? []) classes.push(`ansi-${decoration}`);
    segments.push({ text: part.content, className: classes.join(' ') });
  }
  return segments;
}

/** The line as plain text, for search and copy. */
export function stripAnsi(line: string): string {
  return HAS_ESCAPE.test(line) ? Anser.ansiToText(line) : line;
}
