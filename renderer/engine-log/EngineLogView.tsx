// The Engine log view: the engine's own records (every process sharing the data folder), newest at the bottom and
// followed live, with a level filter and text search; only the rows in view are in the DOM.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type ReactElement, type UIEvent } from 'react';
import { LOG_LEVELS, type LogLevel } from '../../shared/engine-log.js';
import { useActions, useEngineLogStore } from '../app/hooks.js';
import { filterEngineLog } from './engine-log-store.js';
import '../styles/engine-log.css';
import { EngineLogRow } from './EngineLogRow.js';

const ROW_HEIGHT = 22;

export function EngineLogView(): ReactElement {
  const records = useEngineLogStore((state) => state.records);
  const loaded = useEngineLogStore((state) => state.loaded);
  const path = useEngineLogStore((state) => state.path);
  const damaged = useEngineLogStore((state) => state.damaged);
  const minLevel = useEngineLogStore((state) => state.minLevel);
  const query = useEngineLogStore((state) => state.query);
  const { followEngineLog, setEngineLogLevel, setEngineLogQuery } = useActions();
  const shown = useMemo(() => filterEngineLog(records, minLevel, query), [records, minLevel, query]);
  const scroller = useRef<HTMLDivElement | null>(null);
  const [follow, setFollow] = useState(true);
  const virtualizer = useVirtualizer({ count: shown.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 20 });

  useEffect(() => followEngineLog(), [followEngineLog]);
  useEffect(() => {
    if (follow && shown.length > 0) virtualizer.scrollToIndex(shown.length - 1, { align: 'end' });
  }, [follow, shown.length, virtualizer]);
  const onScroll = (event: UIEvent<HTMLDivElement>): void => {
    const box = event.currentTarget;
    const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < ROW_HEIGHT * 2;
    if (atBottom !== follow) setFollow(atBottom);
  };

  return (
    <section className="view engine-log" aria-labelledby="engine-log-title">
      <header className="view__header">
        <div>
          <h1 id="engine-log-title">Engine log</h1>
          {path !== null && <p className="muted engine-log__path" title={path}>{path}</p>}
        </div>
      </header>
      <div className="engine-log__toolbar">
        <label className="engine-log__field">
          <span>Level</span>
          <select className="input input--small engine-log__level" value={minLevel} onChange={(event) => setEngineLogLevel(event.target.value as LogLevel)}>
            {LOG_LEVELS.map((level) => <option key={level} value={level}>{level} and above</option>)}
          </select>
        </label>
        <input className="input input--small engine-log__search" type="search" aria-label="Search the engine log" placeholder="Search: project, workflow, step…"
          value={query} onChange={(event) => setEngineLogQuery(event.target.value)} />
        <button type="button" className="button button--small" aria-pressed={follow} onClick={() => setFollow(!follow)} title="Keep the newest record in view">Follow</button>
        <span className="muted engine-log__count" aria-live="polite">
          {shown.length === records.length ? `${records.length} records` : `${shown.length} of ${records.length} records`}
          {damaged > 0 && ` · ${damaged} unreadable line${damaged === 1 ? '' : 's'} left out`}
        </span>
      </div>
      <div ref={scroller} className="engine-log__rows" role="log" aria-live="off" aria-label="Engine log records" tabIndex={0} onScroll={onScroll}>
        {shown.length === 0 ? (
          <p className="muted engine-log__empty">{!loaded ? 'Reading the log…' : records.length === 0 ? 'No records yet: runs write here as they go.' : 'No record matches the level and search.'}</p>
        ) : (
          <div className="engine-log__sizer" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => (
              <EngineLogRow key={item.key} record={shown[item.index]!} top={item.start} />
            ))}
          </div>
        )}
      </div>
    </section>
  );
}
