// Copies what can still be read from a garbled database into a fresh one: row by row, so an unreadable page loses
// only the rows on it — projects, sessions and the runs elsewhere in the file survive it.
import type { Db } from './database.js';

/** Tables with rowids, parents first; step rows (keyed by run) are read per salvaged run. */
const TABLES = ['projects', 'sessions', 'executions'] as const;
/** Past the highest rowid that reads, how many more are tried before giving up (rows are never deleted in bulk). */
const PROBE_AFTER_LAST = 256;

export interface Salvaged {
  projects: number;
  sessions: number;
  executions: number;
  step_runs: number;
}

export function salvage(from: Db, to: Db): Salvaged {
  const counts: Salvaged = { projects: 0, sessions: 0, executions: 0, step_runs: 0 };
  const runs: string[] = [];
  to.transaction(() => {
    for (const table of TABLES) {
      const copy = copier(from, to, table, 'rowid = ?');
      if (copy === null) continue;
      const top = highestRowid(from, table);
      let misses = 0;
      for (let rowid = 1; top !== null ? rowid <= top : misses < PROBE_AFTER_LAST; rowid++) {
        const row = copy(rowid);
        if (row === null) {
          misses++;
          continue;
        }
        misses = 0;
        counts[table]++;
        if (table === 'executions') runs.push(String(row[0]));
      }
    }
    const steps = copier(from, to, 'step_runs', 'execution_id = ?', true);
    if (steps !== null) for (const id of runs) counts.step_runs += steps(id)?.length ?? 0;
  }).immediate();
  return counts;
}

/** A function copying the rows that match `where` (first column first); null when the table cannot be read at all. */
function copier(from: Db, to: Db, table: string, where: string, many = false): ((key: unknown) => unknown[] | null) | null {
  let columns: string[];
  try {
    const old = new Set(columnsOf(from, table));
    columns = columnsOf(to, table).filter((column) => old.has(column));
  } catch {
    return null;
  }
  if (columns.length === 0) return null;
  const list = columns.join(', ');
  const read = from.prepare(`SELECT ${list} FROM ${table} WHERE ${where}`).raw();
  const insert = to.prepare(`INSERT OR IGNORE INTO ${table} (${list}) VALUES (${columns.map(() => '?').join(', ')})`);
  return (key) => {
    try {
      const rows = (many ? read.all(key) : [read.get(key)].filter((row) => row !== undefined)) as unknown[][];
      const kept = rows.filter((row) => {
        try {
          return insert.run(...row).changes > 0;
        } catch {
          // A row that breaks the fresh schema's rules (a NULL in a NOT NULL column) is left behind.
          return false;
        }
      });
      return many ? kept : (kept[0] ?? null);
    } catch {
      // On an unreadable page: this row is lost, the next may not be.
      return null;
    }
  };
}

function highestRowid(db: Db, table: string): number | null {
  try {
    return (db.prepare(`SELECT max(rowid) AS top FROM ${table}`).get() as { top: number | null }).top ?? 0;
  } catch {
    return null;
  }
}

function columnsOf(db: Db, table: string): string[] {
  return (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((column) => column.name);
}
