// This machine's own bookkeeping for the step cache, in one small SQLite file in $CODOMYRMEX_HOME: the stat memo and
// each step's last key. Shared by concurrent runs (WAL, busy timeout); a fault only costs a rehash or an explanation.
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { retryWhileBusy } from '../store/sqlite-busy.js';
import { makeFolders } from '../make-folders.js';

const SCHEMA = [
  'CREATE TABLE IF NOT EXISTS memo (path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime TEXT NOT NULL, ino TEXT NOT NULL, hash TEXT NOT NULL) WITHOUT ROWID',
  `CREATE TABLE IF NOT EXISTS last_keys (workflow TEXT NOT NULL, step TEXT NOT NULL, key TEXT NOT NULL, manifest TEXT NOT NULL,
    outputs TEXT NOT NULL, failure TEXT, PRIMARY KEY (workflow, step)) WITHOUT ROWID`,
];

export class CacheDb {
  private db: Database.Database | null = null;
  private failed = false;
  private readonly statements = new Map<string, Database.Statement>();
  /** Writers with rows waiting: flushed together once the current turn of the event loop is over. */
  private readonly dirty = new Set<() => void>();
  private flushScheduled = false;

  constructor(private readonly file: string) {}

  /** A prepared statement, or null when the file cannot be opened (then callers do without it). */
  statement(sql: string): Database.Statement | null {
    const db = this.open();
    if (db === null) return null;
    let statement = this.statements.get(sql);
    if (statement === undefined) this.statements.set(sql, (statement = db.prepare(sql)));
    return statement;
  }

  /** Runs `write` in one transaction; a busy or failing file loses the rows (they only spare work), never a run. */
  transaction(write: () => void): void {
    const db = this.open();
    if (db === null) return;
    try {
      db.transaction(write).immediate();
    } catch {
      // Busy past the timeout or a failing disk: the rows are computed again next time.
    }
  }

  /**
   * Asks for `flush` to be called soon. Steps that hit end within one turn of the event loop, so a run of hits writes
   * once, in one transaction, however many steps it has.
   */
  later(flush: () => void): void {
    this.dirty.add(flush);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  flush(): void {
    this.flushScheduled = false;
    const writers = [...this.dirty];
    this.dirty.clear();
    if (writers.length > 0) this.transaction(() => writers.forEach((write) => write()));
  }

  close(): void {
    this.flush();
    this.statements.clear();
    this.db?.close();
    this.db = null;
  }

  private open(): Database.Database | null {
    if (this.db !== null || this.failed) return this.db;
    let db: Database.Database | null = null;
    try {
      makeFolders(dirname(this.file));
      db = new Database(this.file);
      db.pragma('busy_timeout = 2000');
      const opened = db;
      // Two processes opening a new file at once: one may be told "busy" at once, whatever the timeout.
      retryWhileBusy(() => {
        opened.pragma('journal_mode = WAL');
        opened.pragma('synchronous = OFF');
        for (const sql of SCHEMA) opened.exec(sql);
      });
      this.db = db;
    } catch {
      // An unreadable file is no reason to fail a run: every file is hashed, every miss explained as a first run. A
      // file opened but not set up (locked, garbled) is closed, not left open for the rest of the process.
      db?.close();
      this.failed = true;
    }
    return this.db;
  }
}
