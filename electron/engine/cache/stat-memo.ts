// The stat memo: (path, size, mtime, inode) → content hash, in the cache's SQLite file in $CODOMYRMEX_HOME, so a file
// that did not change is not read again. A folder's rows are read once per process and new rows written in batches.
import { statSync, type Stats } from 'node:fs';
import { sep } from 'node:path';
import type { CacheDb } from './cache-db.js';
import type { Hasher } from './hashing.js';

/**
 * A file changed again within the clock's tick after it was hashed keeps its mtime and, maybe, its size: such a
 * "racily clean" file (git's word) is hashed but not remembered until its mtime is older than this.
 */
const RACY_MS = 50;
/** Rows kept in memory at most: past it they are dropped and folders read again (a long-lived app hashing many trees). */
const MAX_ROWS = 200_000;

interface MemoRow {
  size: number;
  mtime: string;
  ino: string;
  hash: string;
}

export class StatMemo {
  /**
   * Rows of the folders read so far. A row only ever states a fact (a file with this size, mtime and inode has this
   * hash), checked against a fresh stat before use, so rows another process wrote since can make us rehash, never err.
   */
  private readonly rows = new Map<string, MemoRow>();
  private readonly folders = new Set<string>();
  private pending: ({ path: string } & MemoRow)[] = [];
  private readonly write = (): void => this.writePending();

  constructor(private readonly db: CacheDb) {}

  /**
   * The content hash of each file (absolute paths); unknown or changed files are hashed and remembered. `statOf` gives
   * a stat the caller already made, so a file is not stat'ed twice.
   */
  hashFiles(paths: readonly string[], hasher: Hasher, statOf?: (path: string) => Stats | undefined): Map<string, string> {
    const hashes = new Map<string, string>();
    for (const path of paths) hashes.set(path, this.hashOf(path, hasher, statOf?.(path)));
    return hashes;
  }

  /** One file's content hash, as hashFiles: with no map or callback made, for the one or two files of a step. */
  hashOf(path: string, hasher: Hasher, stat: Stats = statSync(path)): string {
    // mtimeMs as a double keeps sub-microsecond precision; the bigint form costs twice as much per file.
    const mtime = String(stat.mtimeMs);
    const ino = String(stat.ino);
    const row = this.known(path);
    if (row !== undefined && row.size === stat.size && row.mtime === mtime && row.ino === ino) return row.hash;
    const now = Date.now();
    const hash = hasher.file(path);
    if (!racy(stat, now)) this.add({ path, size: stat.size, mtime, ino, hash });
    return hash;
  }

  /**
   * Remembers the hash of a file read just now (an output as it was stored): `before` is its stat taken before the
   * read began, so a file that changed during the read, or within the clock's tick before it, is not remembered.
   */
  rememberRead(path: string, hash: string, before: Stats, readFrom: number): void {
    let after: Stats | undefined;
    try {
      after = statSync(path, { throwIfNoEntry: false });
    } catch {
      return; // unreadable now: not remembered, and the store it follows is not failed for it
    }
    if (after === undefined || after.size !== before.size || after.mtimeMs !== before.mtimeMs || after.ino !== before.ino) return;
    if (!racy(before, readFrom)) this.add({ path, size: before.size, mtime: String(before.mtimeMs), ino: String(before.ino), hash });
  }

  /** Writes the rows waiting now (closing does too). */
  flush(): void {
    this.db.flush();
  }

  private add(row: { path: string } & MemoRow): void {
    this.rows.set(row.path, row);
    this.pending.push(row);
    this.db.later(this.write);
  }

  private writePending(): void {
    const rows = this.pending;
    this.pending = [];
    const put = this.db.statement('INSERT OR REPLACE INTO memo (path, size, mtime, ino, hash) VALUES (@path, @size, @mtime, @ino, @hash)');
    if (put !== null) for (const row of rows) put.run(row);
  }

  /** The row for a path: its folder's rows are read at the first file asked for in it, in one query. */
  private known(path: string): MemoRow | undefined {
    const folder = path.slice(0, path.lastIndexOf(sep) + 1);
    if (!this.folders.has(folder)) this.readFolder(folder);
    return this.rows.get(path);
  }

  private readFolder(folder: string): void {
    if (this.rows.size > MAX_ROWS) {
      this.rows.clear();
      this.folders.clear();
    }
    this.folders.add(folder);
    // The folder's own files, not those of its subfolders: a step reading `package.json` must not load a whole tree.
    const query = this.db.statement('SELECT path, size, mtime, ino, hash FROM memo WHERE path > @folder AND path < @folder || char(1114111) AND instr(substr(path, length(@folder) + 1), @sep) = 0');
    try {
      // A row remembered here since is newer than the file's.
      for (const row of (query?.all({ folder, sep }) ?? []) as ({ path: string } & MemoRow)[]) if (!this.rows.has(row.path)) this.rows.set(row.path, row);
    } catch {
      // Busy past the timeout: its files are hashed.
    }
  }
}

function racy(stat: Stats, now: number): boolean {
  return now - stat.mtimeMs < RACY_MS;
}
