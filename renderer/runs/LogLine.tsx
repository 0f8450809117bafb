// One log line: ANSI colours as classed spans, search matches as <mark>; text is always rendered as text.
import { memo, type ReactElement } from 'react';
import { ansiSegments, stripAnsi } from './ansi.js';
import type { LogMatch } from './log-search.js';

export const LogLine = memo(function LogLine({ text, matches, current }: { text: string; matches: readonly LogMatch[] | undefined; current: number }): ReactElement {
  if (matches === undefined || matches.length === 0) {
    return <>{ansiSegments(text).map((segment, index) => (segment.className === '' ? segment.text : <span key={index} className={segment.className}>{segment.text}</span>))}</>;
  }
  // A line with matches is shown as plain text around the marks: colours and highlights do not mix well.
  const plain = stripAnsi(text);
  const parts: ReactElement[] = [];
  let at = 0;
  matches.forEach((match, index) => {
    parts.push(<span key={`t${index}`}>{plain.slice(at, match.start)}</span>);
    parts.push(<mark key={`m${index}`} className={index === current ? 'log-mark log-mark--current' : 'log-mark'}>{plain.slice(match.start, match.end)}</mark>);
    at = match.end;
  });
  parts.push(<span key="rest">{plain.slice(at)}</span>);
  return <>{parts}</>;
});
