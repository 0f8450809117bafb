// Copies what can still be read from a garbled database into a fresh one, table by table, stopping at the first
// unreadable page of each: projects, sessions and the runs before the damage survive it.
import type { Db } from './database.js';

/** Parents first, so every kept step row finds its run. */
const TABLES = ['projects', 'sessions', 'executions', 'step_runs'] as const;

export interface Salvaged {
  projects: number;
  sessions: number;
  executions: number;
  step_runs: number;
}

export function salvage(from: Db, to: Db): Salvaged {
  const counts: Salvaged = { projects: 0, sessions: 0, executions: 0, step_runs: 0 };
  for (const table of TABLES) {
    let columns: string[];
    try {
      const old = new Set(columnsOf(from, table));
      columns = columnsOf(to, table).filter((column) => old.has(column));
    } catch {
      continue;
    }
    if (columns.length === 0) continue;
    const list = columns.join(', ');
    const insert = to.prepare(`INSERT OR IGNORE INTO ${table} (${list}) VALUES (${columns.map(() => '?').join(', ')})`);
    const copy = to.transaction(() => {
      try {
        for (const row of from.prepare(`SELECT ${list} FROM ${table}`).raw().iterate() as IterableIterator<unknown[]>) {
          try {
            if (insert.run(...row).changes > 0) counts[table]++;
          } catch {
            // A row that breaks the fresh schema's rules (a NULL in a NOT NULL column) is left behind.
          }
        }
      } catch {
        // The first unreadable page ends this table; what came before it is kept.
      }
    });
    copy();
  }
  return counts;
}

function columnsOf(db: Db, table: string): string[] {
  return (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((column) => column.name);
}
