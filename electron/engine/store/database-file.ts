// The run database as a file that can go bad: opened on first use, checked for a garbled or truncated file, and when
// it is one, moved aside (`orchestrator.db.corrupt-<time>`), replaced by a fresh database holding what could still be
// read, and the user told — so a broken file never stops the app, `serve`, the CLI or MCP.
import { closeSync, existsSync, fstatSync, openSync, readSync, renameSync, rmSync, statSync, truncateSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase, type Db } from './database.js';
import { salvage, type Salvaged } from './salvage.js';
import { StorageError } from '../../../shared/errors.js';
import { codeOf, describeFault, fullDiskAt, storageErrorKind } from './storage-error.js';

const MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const HEADER_BYTES = 100;
/** How often a commit first checks the file's header. */
const VERIFY_EVERY_MS = 1000;
/** How often a database opened alone on a full disk looks for room to be shared again. */
const SHARE_CHECK_MS = 5000;

export interface Notify {
  /** Tells the user; `resolves` names an earlier notice this one ends. Returns the notice's id. */
  raise(level: 'info' | 'warning' | 'error', message: string, resolves?: string): string;
}

/** Thrown when the file on disk is not (or no longer) a whole SQLite database. */
class GarbledDatabase extends Error {
  readonly code = 'SQLITE_NOTADB';
}

export class DatabaseFile {
  private db: Db | null = null;
  private readonly resetListeners: (() => void)[] = [];
  private verifiedAt = 0;
  /** Set while the file is open to this process alone (see `open`): when room was last looked for, and the notice. */
  private alone: { checkedAt: number; notice: string } | null = null;

  constructor(
    readonly path: string,
    private readonly notify: Notify,
  ) {}

  /**
   * The open connection; opening a garbled file moves it aside and starts a fresh one. A fault (a full disk, a read-only
   * or failing one) is thrown as a StorageError naming this file and the fault.
   */
  get connection(): Db {
    if (this.db !== null) return this.db;
    try {
      checkFile(this.path);
      this.db = this.open();
    } catch (error) {
      const kind = storageErrorKind(error);
      if (kind === 'fault') throw this.faultOf(error);
      if (kind !== 'corrupt') throw error;
      this.replace(error);
    }
    return this.db!;
  }

  get isOpen(): boolean {
    return this.db !== null;
  }

  /** Runs a read or a write; a garbled file found on the way is moved aside and the work done again on a fresh one. */
  use<T>(work: (db: Db) => T): T {
    const db = this.connection;
    try {
      const result = work(db);
      this.shareOnceRoom();
      return result;
    } catch (error) {
      const kind = storageErrorKind(error);
      if (kind === 'fault') throw this.faultOf(error);
      if (kind !== 'corrupt') throw error;
      this.replace(error);
      return work(this.connection);
    }
  }

  /**
   * A cheap look at the file's header before a write (at most once a second): SQLite's page cache keeps answering from
   * memory after the file under it was overwritten, so without this a garbled file is only found by the next process
   * to open it.
   */
  verify(now = Date.now()): void {
    // At most once a second: three system calls per commit were a measurable share of a short step's cost.
    if (this.db === null || now - this.verifiedAt < VERIFY_EVERY_MS) return;
    this.verifiedAt = now;
    try {
      checkHeader(this.path);
    } catch (error) {
      if (storageErrorKind(error) === 'corrupt') this.replace(error);
    }
  }

  /** Called after a fresh database replaced a garbled one: the stores write again what they hold in memory. */
  onReset(listener: () => void): void {
    this.resetListeners.push(listener);
  }

  close(): void {
    if (this.db !== null) closeQuietly(this.db);
    this.db = null;
  }

  /**
   * Opens the file. Where SQLite cannot make its shared-memory file (a full disk: every process that opens the file
   * first makes it, and the last to close deletes it), the file is opened for this process alone instead, so history
   * still reads and a run still runs (its records kept in memory while writes fail), and the user is told why.
   */
  private open(): Db {
    try {
      return openDatabase(this.path);
    } catch (error) {
      if (!(codeOf(error) ?? '').startsWith('SQLITE_IOERR_SHM')) throw error;
      const db = openDatabase(this.path, { exclusive: true });
      this.alone = {
        checkedAt: Date.now(),
        notice: this.notify.raise('warning', `${describeFault(error, this.path)}: the run database ${this.path} is open to this process alone until space is `
          + `freed (SQLite cannot make its shared-memory file); other codomyrmex processes wait for it`),
      };
      return db;
    }
  }

  /**
   * Opened for this process alone (a full disk), it stays so only while the disk is full: once there is room again
   * (looked at every few seconds, after a successful read or write), the file is closed once this task is done and the
   * next use opens it shared, so `serve` does not keep the CLI waiting for the rest of its life.
   */
  private shareOnceRoom(now = Date.now()): void {
    if (this.alone === null || now - this.alone.checkedAt < SHARE_CHECK_MS) return;
    this.alone.checkedAt = now;
    if (fullDiskAt(dirname(this.path)) !== null) return;
    const { notice } = this.alone;
    this.alone = null;
    // Closed once the current task is done, not now: a use nested in another (or a caller holding the connection
    // through this task) would find it closed under it.
    const db = this.db;
    setImmediate(() => {
      if (this.db === db) this.close();
    }).unref();
    this.notify.raise('info', `the run database ${this.path} is shared with other codomyrmex processes again`, notice);
  }

  private faultOf(error: unknown): StorageError {
    return error instanceof StorageError ? error : new StorageError(this.path, describeFault(error, this.path), { cause: error });
  }

  private replace(cause: unknown): void {
    const old = this.db;
    this.db = null;
    const aside = `${this.path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    // The old connection keeps its open files through the rename, so it can still be read from below.
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(this.path + suffix)) renameSync(this.path + suffix, aside + suffix);
    }
    const reason = cause instanceof Error ? cause.message : String(cause);
    // What still reads goes to memory first: the old connection must be closed before a fresh file takes the path,
    // since closing deletes its WAL and shared-memory files by name — the fresh database's, by then.
    const source = old ?? openAside(aside);
    let memory: Db | null = null;
    let saved: Salvaged | null = null;
    if (source !== null) {
      try {
        memory = openDatabase(':memory:');
        saved = salvage(source, memory);
      } catch {
        saved = null;
      }
      closeQuietly(source);
    }
    let fresh: Db;
    try {
      fresh = openDatabase(this.path);
    } catch (error) {
      // Told now, or never: the next attempt finds no garbled file to move.
      this.notify.raise('error', `the run database ${this.path} was unreadable (${reason}): moved it aside to ${aside}; a fresh one could not be created yet (${(error as Error).message})`);
      if (memory !== null) closeQuietly(memory);
      throw error;
    }
    if (memory !== null) {
      try {
        if (saved !== null) salvage(memory, fresh);
      } catch {
        saved = null;
      }
      closeQuietly(memory);
    }
    rmSync(`${aside}-shm`, { force: true });
    this.db = fresh;
    const kept = saved === null || saved.executions + saved.projects === 0 ? 'nothing could be read from it'
      : `${saved.executions} runs, ${saved.projects} projects and ${saved.sessions} sessions were read from it`;
    this.notify.raise('error', `the run database ${this.path} was unreadable (${reason}): moved it aside to ${aside} and started a fresh one (${kept}); `
      + `keep that file to recover more (sqlite3 "${aside}" .recover) or delete it`);
    for (const listener of this.resetListeners) listener();
  }
}

/** Closing checkpoints the WAL: on a garbled, full or failing file that fails, and there is nothing more to do. */
function closeQuietly(db: Db): void {
  try {
    db.close();
  } catch {
    // The WAL keeps what the checkpoint could not write, for the next open.
  }
}

/** The moved-aside file, opened to read what it still holds. */
function openAside(path: string): Db | null {
  try {
    // SQLite refuses a file shorter than its header says; padded with zeros to that size, the pages before the cut
    // read again (and the padding costs `.recover` nothing).
    const header = checkHeader(path);
    const size = statSync(path).size;
    const full = pageSizeOf(header) * header.readUInt32BE(28);
    if (full > size && full <= size * 64) truncateSync(path, full);
    const db = new Database(path, { fileMustExist: true });
    db.pragma('schema_version');
    return db;
  } catch {
    return null;
  }
}

function pageSizeOf(header: Buffer): number {
  return header.readUInt16BE(16) === 1 ? 65536 : header.readUInt16BE(16);
}

/** Before SQLite opens it: a file that is not a database, or shorter than its header says with no WAL to make up. */
function checkFile(path: string): void {
  if (!existsSync(path) || statSync(path).size === 0) return;
  const header = checkHeader(path);
  const walSize = existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0;
  const pageSize = pageSizeOf(header);
  const pages = header.readUInt32BE(28);
  // The page count is valid only when the change counter matches its version-valid-for copy (SQLite's file format §1.3).
  const countValid = header.readUInt32BE(24) === header.readUInt32BE(92);
  const size = statSync(path).size;
  if (walSize === 0 && countValid && pages > 0 && size < pages * pageSize) {
    throw new GarbledDatabase(`the file is truncated: ${size} of ${pages * pageSize} bytes`);
  }
}

function checkHeader(path: string): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  const fd = openSync(path, 'r');
  try {
    const read = readSync(fd, header, 0, HEADER_BYTES, 0);
    if (read < HEADER_BYTES && fstatSync(fd).size > 0) throw new GarbledDatabase(`the file is truncated: ${read} bytes, shorter than a database header`);
  } finally {
    closeSync(fd);
  }
  if (!header.subarray(0, MAGIC.length).equals(MAGIC)) throw new GarbledDatabase('file is not a database');
  return header;
}
