// What kind of storage error a database or file operation threw: a garbled file (moved aside and replaced), a fault
// that passes (full disk, read-only or failing device, locked file: kept in memory and retried), or a bug.
import { accessSync, constants, statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { StorageError } from '../../../shared/errors.js';

export type StorageErrorKind = 'corrupt' | 'fault' | 'other';

const CORRUPT = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_VTAB', 'SQLITE_CORRUPT_SEQUENCE', 'SQLITE_CORRUPT_INDEX']);
/** SQLite's extended codes share their primary code's prefix (SQLITE_IOERR_WRITE, SQLITE_READONLY_DBMOVED …). */
const FAULT_PREFIXES = ['SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_READONLY', 'SQLITE_CANTOPEN', 'SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_PERM', 'SQLITE_PROTOCOL'];
const FS_FAULTS = new Set(['ENOSPC', 'EROFS', 'EIO', 'EACCES', 'EPERM', 'EDQUOT', 'EBUSY']);

export function storageErrorKind(error: unknown): StorageErrorKind {
  if (error instanceof StorageError) return 'fault';
  const code = codeOf(error);
  if (code === null) return 'other';
  if (CORRUPT.has(code)) return 'corrupt';
  if (FS_FAULTS.has(code) || FAULT_PREFIXES.some((prefix) => code === prefix || code.startsWith(`${prefix}_`))) return 'fault';
  return 'other';
}

/**
 * The fault in plain words, for a one-line notice: "the disk is full", "the file is read-only". With the file's `path`,
 * a bare "disk I/O error" on a disk with no room left says so: SQLite reports a shared-memory file it cannot grow
 * (SQLITE_IOERR_SHMSIZE) or a write it could not make as an I/O error, not as a full disk.
 */
export function describeFault(error: unknown, path?: string): string {
  if (error instanceof StorageError) return error.reason;
  const code = codeOf(error) ?? '';
  const detail = error instanceof Error ? error.message : String(error);
  if (code.startsWith('SQLITE_FULL') || code === 'ENOSPC' || code === 'EDQUOT') return `the disk is full (${detail})`;
  const full = path === undefined || !code.startsWith('SQLITE_IOERR') ? null : fullDiskAt(dirname(path));
  if (full !== null) return `${full} (${detail})`;
  // SQLite opens a database beside its WAL and shared-memory files: in a folder it may not write, it "cannot open" it.
  const unwritable = path === undefined || !(code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_READONLY')) ? null : unwritableFolder(dirname(path));
  if (unwritable !== null) return `${unwritable} (${detail})`;
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS') return `the file or its disk is read-only (${detail})`;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return `another process holds the database locked (${detail})`;
  if (code.startsWith('SQLITE_CANTOPEN') || code === 'EACCES' || code === 'EPERM') return `the file cannot be opened (${detail})`;
  return `an input/output error (${detail})`;
}

/** Below this, a disk that SQLite reports an I/O error on is taken to be full (a page, its WAL frame and the index). */
const NEARLY_FULL_BYTES = 64 * 1024;

/** "the disk is full: 0 bytes free where DIR is" when the disk holding folder `dir` has (next to) no room; else null. */
export function fullDiskAt(dir: string): string | null {
  let free: number;
  try {
    const stats = statfsSync(dir);
    free = stats.bavail * stats.bsize;
  } catch {
    return null;
  }
  return free < NEARLY_FULL_BYTES ? `the disk is full: ${free} bytes free where ${dir} is` : null;
}

/** Why this process may not write in folder `dir` ("the disk holding DIR is read-only"), or null when it may. */
function unwritableFolder(dir: string): string | null {
  try {
    accessSync(dir, constants.W_OK);
    return null;
  } catch (error) {
    const code = codeOf(error);
    if (code === 'EROFS') return `the disk holding ${dir} is read-only`;
    if (code === 'EACCES' || code === 'EPERM') return `${dir} may not be written by this user`;
    return null;
  }
}

/** The `code` an error carries (SQLite's SQLITE_…, Node's E…), or null. */
export function codeOf(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : null;
}
