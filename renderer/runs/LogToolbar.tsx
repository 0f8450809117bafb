// The log panel's controls: follow, search with next/prev and a match count, copy (visible or all) and download.
import { useState, type ReactElement } from 'react';
import { downloadParts } from '../app/download.js';
import { useActions } from '../app/hooks.js';
import type { useLogSearch } from './use-log-search.js';

interface Props {
  executionId: string;
  step: string;
  follow: boolean;
  setFollow(follow: boolean): void;
  search: ReturnType<typeof useLogSearch>;
  goTo(direction: 1 | -1): void;
  visibleText(): string;
}

const copy = async (text: string): Promise<void> => {
  await navigator.clipboard?.writeText(text);
};

export function LogToolbar({ executionId, step, follow, setFollow, search, goTo, visibleText }: Props): ReactElement {
  const { readWholeLog } = useActions();
  const [busy, setBusy] = useState(false);
  const whole = async (use: (parts: string[]) => Promise<void> | void): Promise<void> => {
    setBusy(true);
    try {
      const parts = await readWholeLog(executionId, step);
      if (parts !== undefined) await use(parts);
    } finally {
      setBusy(false);
    }
  };
  const count = search.matches.length;
  return (
    <div className="log-toolbar">
      {/* Two groups that wrap apart in a narrow panel: searching (its arrows beside its field), and taking the log away. */}
      <span className="log-toolbar__group log-toolbar__group--search">
        <button type="button" className="button button--small" aria-pressed={follow} onClick={() => setFollow(!follow)} title="Keep the newest line in view">Follow</button>
        <input className="input input--small log-toolbar__search" type="search" aria-label="Search the log" placeholder="Search" value={search.query}
          onChange={(event) => search.search(event.target.value)} onKeyDown={(event) => { if (event.key === 'Enter') goTo(event.shiftKey ? -1 : 1); }} />
        <span className="muted log-toolbar__count" aria-live="polite">{search.query === '' ? '' : count === 0 ? 'no match' : `${search.currentIndex + 1 > 0 ? search.currentIndex + 1 : '–'} of ${count >= 1000 ? '1000+' : count}`}</span>
        <button type="button" className="icon-button" aria-label="Previous match" disabled={count === 0} onClick={() => goTo(-1)}>↑</button>
        <button type="button" className="icon-button" aria-label="Next match" disabled={count === 0} onClick={() => goTo(1)}>↓</button>
      </span>
      <span className="toolbar__gap" />
      <span className="log-toolbar__group">
        <button type="button" className="button button--small" onClick={() => void copy(visibleText())}>Copy visible</button>
        <button type="button" className="button button--small" disabled={busy} onClick={() => void whole((parts) => copy(parts.join('')))}>Copy all</button>
        <button type="button" className="button button--small" disabled={busy} onClick={() => void whole((parts) => downloadParts(parts, `${step}.log`, 'text/plain'))}>Download</button>
      </span>
    </div>
  );
}
