// The engine's log as the Engine log view holds it: the records read so far (newest last, capped), where reading goes
// on from, and the view's level filter and search text.
import { createStore } from 'zustand/vanilla';
import { atLeast, type EngineLogCursor, type EngineLogPage, type EngineLogRecord, type LogLevel } from '../../shared/engine-log.js';

/** Records kept in the view; older ones are dropped as new ones arrive (the file keeps them). */
export const ENGINE_LOG_CAP = 20_000;

export interface EngineLogState {
  records: readonly EngineLogRecord[];
  cursor: EngineLogCursor | null;
  /** Lines of the file that were no record, so far. */
  damaged: number;
  path: string | null;
  loaded: boolean;
  minLevel: LogLevel;
  query: string;
  /** The first page (replaces what is held) or a following one (appended). */
  receive(page: EngineLogPage, first: boolean): void;
  setMinLevel(level: LogLevel): void;
  setQuery(query: string): void;
}

export function createEngineLogStore() {
  return createStore<EngineLogState>()((set) => ({
    records: [],
    cursor: null,
    damaged: 0,
    path: null,
    loaded: false,
    minLevel: 'info',
    query: '',
    receive: (page, first) => set((state) => {
      const records = first ? page.records : page.records.length === 0 ? state.records : [...state.records, ...page.records];
      return {
        records: records.length > ENGINE_LOG_CAP ? records.slice(records.length - ENGINE_LOG_CAP) : records,
        cursor: page.cursor ?? state.cursor,
        damaged: (first ? 0 : state.damaged) + page.damaged,
        path: page.path,
        loaded: true,
      };
    }),
    setMinLevel: (minLevel) => set({ minLevel }),
    setQuery: (query) => set({ query }),
  }));
}

export type EngineLogStore = ReturnType<typeof createEngineLogStore>;

/** The records the view shows: at or above the level, and matching the search in their message, names or fields. */
export function filterEngineLog(records: readonly EngineLogRecord[], minLevel: LogLevel, query: string): EngineLogRecord[] {
  const needle = query.trim().toLowerCase();
  return records.filter((record) => atLeast(record.level, minLevel) && (needle === '' || recordText(record).toLowerCase().includes(needle)));
}

/** Where a record comes from: project › workflow › step, as far as it names them ('' for none). */
export function recordWhere(record: EngineLogRecord): string {
  return [record.project, record.workflow, record.step].filter((part) => part !== undefined).join(' › ');
}

/** A record as one line of text: what search looks in, and what the row shows after its time and level. */
export function recordText(record: EngineLogRecord): string {
  const where = recordWhere(record);
  const fields = Object.entries(record.fields).map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`).join(' ');
  return [record.msg, where, fields].filter((part) => part !== '').join('  ');
}
