// A step's log, live: only the lines in view are in the DOM (@tanstack/react-virtual), ANSI colours, follow mode
// (stays at the bottom while the user is there), search with next/prev, copy, download, and earlier output on disk.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type ReactElement, type UIEvent } from 'react';
import { useActions, useLogStore } from '../app/hooks.js';
import { logKey, visibleLineCount } from './log-store.js';
import { LogLine } from './LogLine.js';
import { LogToolbar } from './LogToolbar.js';
import { useLogSearch } from './use-log-search.js';

const LINE_HEIGHT = 18;
const NO_LINES: readonly string[] = [];

/** `started`: the step has begun (else there is no log to read); `finished`: it has ended, so no more output will come. */
export function LogPanel({ executionId, step, started, finished }: { executionId: string; step: string; started: boolean; finished: boolean }): ReactElement {
  const buffer = useLogStore((state) => state.buffers.get(logKey(executionId, step)));
  const { ensureLog, loadEarlierLog } = useActions();
  const scroller = useRef<HTMLDivElement | null>(null);
  const [follow, setFollow] = useState(true);
  const lines = buffer?.lines ?? NO_LINES;
  const count = visibleLineCount(buffer);
  const search = useLogSearch(lines, buffer?.revision ?? 0);
  const virtualizer = useVirtualizer({ count, getScrollElement: () => scroller.current, estimateSize: () => LINE_HEIGHT, overscan: 30 });

  useEffect(() => {
    if (started) void ensureLog(executionId, step);
  }, [executionId, step, started, ensureLog]);
  useEffect(() => {
    if (follow && count > 0) virtualizer.scrollToIndex(count - 1, { align: 'end' });
  }, [follow, count, buffer?.revision, virtualizer]);

  const onScroll = (event: UIEvent<HTMLDivElement>): void => {
    const box = event.currentTarget;
    const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < LINE_HEIGHT * 2;
    if (atBottom !== follow) setFollow(atBottom);
  };
  const goTo = (direction: 1 | -1): void => {
    const match = search.move(direction);
    if (match === undefined) return;
    setFollow(false);
    virtualizer.scrollToIndex(match.line, { align: 'center' });
  };
  const visibleText = (): string => virtualizer.getVirtualItems().map((item) => lines[item.index] ?? '').join('\n');

  return (
    <section className="log-panel" aria-label={`Log of ${step}`}>
      <LogToolbar executionId={executionId} step={step} follow={follow} setFollow={setFollow} search={search} goTo={goTo} visibleText={visibleText} />
      {buffer !== undefined && buffer.startOffset > 0 && (
        <button type="button" className="log-panel__earlier" onClick={() => void loadEarlierLog(executionId, step)}>… earlier output on disk — load more</button>
      )}
      <div ref={scroller} className="log-panel__lines" role="log" aria-live="off" aria-label={`Output of ${step}`} tabIndex={0} onScroll={onScroll}>
        {count === 0 ? <p className="muted log-panel__empty">{emptyText(started, finished, buffer?.seeding === true)}</p> : (
          <div className="log-panel__sizer" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => (
              <div key={item.key} className="log-line" data-index={item.index} style={{ transform: `translateY(${item.start}px)` }}>
                <LogLine text={lines[item.index] ?? ''} matches={search.byLine.get(item.index)} current={search.current?.line === item.index ? search.byLine.get(item.index)!.indexOf(search.current) : -1} />
              </div>
            ))}
          </div>
        )}
      </div>
    </section>
  );
}

/** What an empty log says: nothing more will come from a step that ended, whether it wrote nothing or never ran. */
function emptyText(started: boolean, finished: boolean, seeding: boolean): string {
  if (!started) return finished ? 'It did not run: no output.' : 'Not started yet.';
  if (seeding) return 'Reading the log…';
  return finished ? 'No output: the step wrote nothing.' : 'No output yet.';
}
