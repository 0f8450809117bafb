// The stat memo: (path, size, mtime, inode) → content hash, in a small SQLite file in $CODOMYRMEX_HOME, so a file that
// did not change is not read again. Shared by concurrent runs (WAL, busy timeout); a fault only costs a rehash.
import { mkdirSync, statSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Hasher } from './hashing.js';

/**
 * A file changed again within the clock's tick after it was hashed keeps its mtime and, maybe, its size: such a
 * "racily clean" file (git's word) is hashed but not remembered until its mtime is older than this.
 */
const RACY_MS = 50;
/** From this many files on, the memo's rows under their common folder are read in one query, not one per file. */
const BULK = 256;

interface MemoRow {
  size: number;
  mtime: string;
  ino: string;
  hash: string;
}

export class StatMemo {
  private db: Database.Database | null = null;
  private failed = false;
  private readonly statements = new Map<string, Database.Statement>();
  private pending: { path: string; size: number; mtime: string; ino: string; hash: string }[] = [];

  constructor(private readonly file: string) {}

  /** The content hash of each file (absolute paths); unknown or changed files are hashed and remembered. */
  hashFiles(paths: readonly string[], hasher: Hasher): Map<string, string> {
    const hashes = new Map<string, string>();
    const now = Date.now();
    const known = this.lookup(paths);
    for (const path of paths) {
      // mtimeMs as a double keeps sub-microsecond precision; the bigint form costs twice as much per file.
      const stat = statSync(path);
      const mtime = String(stat.mtimeMs);
      const ino = String(stat.ino);
      const row = known(path);
      if (row !== undefined && row.size === stat.size && row.mtime === mtime && row.ino === ino) {
        hashes.set(path, row.hash);
        continue;
      }
      const hash = hasher.file(path);
      hashes.set(path, hash);
      if (!racy(stat, now)) this.pending.push({ path, size: stat.size, mtime, ino, hash });
    }
    this.flush();
    return hashes;
  }

  /** The memo's row for a path: one query per path for a few, the rows under their common folder at once for many. */
  private lookup(paths: readonly string[]): (path: string) => MemoRow | undefined {
    if (paths.length < BULK) {
      const get = this.statement('SELECT size, mtime, ino, hash FROM memo WHERE path = ?');
      return (path) => get?.get(path) as MemoRow | undefined;
    }
    const prefix = commonFolder(paths);
    const range = this.statement('SELECT path, size, mtime, ino, hash FROM memo WHERE path >= ? AND path < ?');
    const rows = new Map<string, MemoRow>();
    try {
      for (const row of (range?.all(prefix, `${prefix}\u{10FFFF}`) ?? []) as (MemoRow & { path: string })[]) rows.set(row.path, row);
    } catch {
      // Busy past the timeout: every file is hashed.
    }
    return (path) => rows.get(path);
  }

  /** Remembers a file whose hash is known (an output just stored or restored). */
  remember(path: string, hash: string): void {
    try {
      const stat = statSync(path);
      if (!racy(stat, Date.now())) this.pending.push({ path, size: stat.size, mtime: String(stat.mtimeMs), ino: String(stat.ino), hash });
    } catch {
      // Gone already: nothing to remember.
    }
  }

  flush(): void {
    if (this.pending.length === 0) return;
    const rows = this.pending;
    this.pending = [];
    const put = this.statement('INSERT OR REPLACE INTO memo (path, size, mtime, ino, hash) VALUES (@path, @size, @mtime, @ino, @hash)');
    if (put === null) return;
    try {
      this.db!.transaction(() => {
        for (const row of rows) put.run(row);
      })();
    } catch {
      // Busy past the timeout or a failing disk: the files are hashed again next time, nothing is wrong.
    }
  }

  close(): void {
    this.flush();
    this.statements.clear();
    this.db?.close();
    this.db = null;
  }

  private statement(sql: string): Database.Statement | null {
    const db = this.open();
    if (db === null) return null;
    let statement = this.statements.get(sql);
    if (statement === undefined) this.statements.set(sql, (statement = db.prepare(sql)));
    return statement;
  }

  private open(): Database.Database | null {
    if (this.db !== null || this.failed) return this.db;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      const db = new Database(this.file);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = OFF');
      db.pragma('busy_timeout = 2000');
      db.exec('CREATE TABLE IF NOT EXISTS memo (path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime TEXT NOT NULL, ino TEXT NOT NULL, hash TEXT NOT NULL) WITHOUT ROWID');
      this.db = db;
    } catch {
      // An unreadable memo is no reason to fail a run: every file is hashed.
      this.failed = true;
    }
    return this.db;
  }
}

function racy(stat: Stats, now: number): boolean {
  return now - stat.mtimeMs < RACY_MS;
}

function commonFolder(paths: readonly string[]): string {
  let prefix = paths[0]!;
  for (const path of paths) while (!path.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}
