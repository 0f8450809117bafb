// The step cache on disk: content-addressed blobs (a file stored once however many entries name it), one entry per
// key and each step's last key manifest. Every write goes to a temporary file renamed into place, so a crash leaves
// no half entry and concurrent runs writing the same key each leave a whole one.
import { closeSync, existsSync, fstatSync, futimesSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { CacheStats } from '../../../shared/model.js';
import { sleepSync } from '../sleep-sync.js';
import type { Hasher } from './hashing.js';
import { makeFolders } from '../make-folders.js';

/**
 * An output file as stored: where it goes under the step's folder, its content's hash and its mode bits; or a
 * symbolic link, stored as its target (`link`) with no blob, its hash that of the target's text (linkHash); or an
 * empty folder (`folder`), no blob either, its hash folderHash.
 */
export interface StoredFile {
  path: string;
  hash: string;
  mode: number;
  size: number;
  link?: string;
  folder?: true;
}

/** What an output hash holds of a symbolic link: its target's text, apart from any file's content. */
export const linkHash = (target: string, hasher: Hasher): string => hasher.of(`symlink\0${target}`);

/** What an output hash holds of an empty folder: that it is one, apart from any file's content. */
export const folderHash = (hasher: Hasher): string => hasher.of('folder\0');

/** Whether an entry's file has its content in a blob (links and empty folders have none). */
export const hasContent = (file: StoredFile): boolean => file.link === undefined && file.folder === undefined;

/** One stored step result: what a hit replays. */
export interface CacheEntry {
  version: 1;
  key: string;
  workflow: string;
  step: string;
  executionId: string;
  outputs: Record<string, unknown>;
  exitCode: number;
  files: StoredFile[];
  /** The blob holding the step's log; null when it wrote none. */
  log: string | null;
  durationMs: number;
  /** The hash of its outputs and output files: what its dependents' keys include (early cutoff). */
  outputHash: string;
  createdAt: number;
}

/** A content hash as the hasher writes it: blobs are named by it, so nothing else (`../..`) may reach a path. */
const HASH = /^[0-9a-f]{8,128}$/;

/**
 * An entry's fields have the shapes this store writes. On shared storage anyone with write access can put a file
 * there: a `hash` of `../../../etc/shadow` would have a restore copy that file into the project. (Where a path leads
 * is checked at the restore, which knows the step's folder: restore-outputs.ts, outsideRoot.)
 */
function wellFormed(entry: CacheEntry): boolean {
  if (!Array.isArray(entry.files) || (entry.log !== null && !(typeof entry.log === 'string' && HASH.test(entry.log)))) return false;
  for (const file of entry.files as unknown[]) {
    if (typeof file !== 'object' || file === null) return false;
    const { path, hash, mode, link } = file as Partial<StoredFile>;
    if (typeof path !== 'string' || path === '' || path.includes('\0') || typeof hash !== 'string' || !HASH.test(hash) || !Number.isInteger(mode)) return false;
    if (link !== undefined && typeof link !== 'string') return false;
  }
  return true;
}

/** Temporary names unique within the process (its pid makes them unique across processes). */
let written = 0;
const started = Date.now().toString(36);

/** How long a store waits for the size total's lock, and when a lock is taken to be a crashed process's. */
const LOCK_WAIT_MS = 2_000;
const STALE_LOCK_MS = 30_000;

/** Temporary files older than this are a crashed writer's and go at the next prune. */
const STALE_TEMP_MS = 3_600_000;

/** The running total of the cache's size (`size.json`), so that checking it against the cap after a run reads one file. */
interface SizeTotal {
  version: 1;
  bytes: number;
  entries: number;
}

export class CacheStore {
  /** What this store wrote since it last added its share to the running total. */
  private added = { bytes: 0, entries: 0 };
  /** `dir` normalised, ending in a separator: a hit's paths are joined by concatenation, not normalised each time. */
  private readonly root: string;

  constructor(
    readonly dir: string,
    readonly maxBytes: number | null,
  ) {
    this.root = join(dir, sep);
  }

  blobPath(hash: string): string {
    return `${this.root}blobs${sep}${hash.slice(0, 2)}${sep}${hash}`;
  }

  private entryPath(key: string): string {
    return `${this.root}entries${sep}${key.slice(0, 2)}${sep}${key}.json`;
  }

  /**
   * The entry stored under `key`, or null when there is none (or it cannot be read: then it is a miss, and removed).
   * Reading marks it used, for eviction, unless it was marked within the last minutes (a run of hits writes nothing).
   */
  read(key: string): CacheEntry | null {
    const path = this.entryPath(key);
    let text: string;
    try {
      text = readMarkingUsed(path);
    } catch {
      return null;
    }
    try {
      const entry = JSON.parse(text) as CacheEntry;
      if (entry.version === 1 && entry.key === key && wellFormed(entry)) return entry;
    } catch {
      // Not JSON: written by something else than us (renames are atomic), so not ours to trust.
    }
    this.forget(key);
    return null;
  }

  /** Marks an entry used now: eviction goes by last use. */
  touch(key: string): void {
    const now = new Date();
    try {
      utimesSync(this.entryPath(key), now, now);
    } catch {
      // Evicted meanwhile: it was used all the same.
    }
  }

  forget(key: string): void {
    rmSync(this.entryPath(key), { force: true });
  }

  hasBlob(hash: string): boolean {
    return statSync(this.blobPath(hash), { throwIfNoEntry: false }) !== undefined;
  }

  /**
   * Stores a file's content (once: an existing blob is only marked used) and returns its hash. The file is read once,
   * hashed and copied in the same pass, so what is stored is always what was hashed, even if the file changes meanwhile.
   */
  putFile(source: string, hasher: Hasher): string {
    let hash = '';
    let bytes = 0;
    const kept = this.place(() => (this.markBlob(hash) ? null : this.blobPath(hash)), (temp) => {
      const out = openSync(temp, 'w');
      try {
        hash = hasher.file(source, (chunk) => {
          for (let at = 0; at < chunk.byteLength; ) at += writeSync(out, chunk, at);
          bytes += chunk.byteLength;
        });
      } finally {
        closeSync(out);
      }
    });
    if (kept) this.added.bytes += bytes;
    return hash;
  }

  putBytes(bytes: Uint8Array, hash: string): void {
    if (this.markBlob(hash)) return;
    this.place(() => this.blobPath(hash), (temp) => writeFileSync(temp, bytes));
    this.added.bytes += bytes.byteLength;
  }

  write(entry: CacheEntry): void {
    const text = JSON.stringify(entry);
    this.place(() => this.entryPath(entry.key), (temp) => writeFileSync(temp, text));
    // An entry written again (--force, two runs storing one key) counts twice: the total errs high, and a prune's walk
    // puts it right.
    this.added.bytes += Buffer.byteLength(text);
    this.added.entries++;
  }

  /**
   * The cache's size in bytes after this store's writes: the running total plus what it wrote since, written back
   * under the total's lock (so that two processes adding at the same moment both count), or a full walk when there is
   * no total yet. A lock it cannot take (a read-only shared cache, a holder stuck past the wait) keeps this store's
   * share for its next call, and answers with the total as read.
   */
  sizeAfterWrites(): number {
    const added = this.added;
    const updated = this.withTotalLock(() => {
      const total = this.readTotal();
      if (total === null) return null;
      const next: SizeTotal = { version: 1, bytes: total.bytes + added.bytes, entries: total.entries + added.entries };
      this.writeTotal(next);
      return next.bytes;
    });
    if (updated === undefined) return (this.readTotal()?.bytes ?? 0) + added.bytes;
    if (updated === null) return this.stats().bytes;
    this.added = { bytes: 0, entries: 0 };
    return updated;
  }

  /**
   * Runs `work` holding `size.lock` (created exclusively: atomic on local disks and NFS alike); undefined when the
   * lock could not be taken within a couple of seconds. A lock older than STALE_LOCK_MS is a crashed holder's, taken over.
   */
  private withTotalLock<T>(work: () => T): T | undefined {
    const lock = join(this.dir, 'size.lock');
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      try {
        closeSync(openSync(lock, 'wx'));
        break;
      } catch (error) {
        // A cache that cannot be written (read-only, gone, no permission) is not locked: the caller does without.
        try {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === 'ENOENT' && !existsSync(this.dir)) {
            makeFolders(this.dir);
            continue;
          }
          if (code !== 'EEXIST' || Date.now() > deadline) return undefined;
          const held = statSync(lock, { throwIfNoEntry: false });
          if (held !== undefined && Date.now() - held.mtimeMs > STALE_LOCK_MS) rmSync(lock, { force: true });
          else sleepSync(2);
        } catch {
          return undefined;
        }
      }
    }
    try {
      return work();
    } finally {
      rmSync(lock, { force: true });
    }
  }

  private readTotal(): SizeTotal | null {
    try {
      const total = JSON.parse(readFileSync(join(this.dir, 'size.json'), 'utf8')) as SizeTotal;
      return total.version === 1 && Number.isFinite(total.bytes) && Number.isFinite(total.entries) ? total : null;
    } catch {
      return null;
    }
  }

  private writeTotal(total: SizeTotal): void {
    try {
      this.place(() => join(this.dir, 'size.json'), (temp) => writeFileSync(temp, JSON.stringify(total)));
    } catch {
      // A read-only shared cache: the next check walks it again.
    }
  }

  /** A blob's bytes, or null when it is gone (evicted, cleared). */
  readBlob(hash: string): Buffer | null {
    try {
      return readFileSync(this.blobPath(hash));
    } catch {
      return null;
    }
  }

  /**
   * Writes through a temporary file in the cache's own folder (same file system), renamed over the target; a target
   * of null (the content is stored already) drops it. Returns whether it was kept.
   */
  private place(targetOf: () => string | null, write: (temp: string) => void): boolean {
    const tmp = join(this.dir, 'tmp');
    const temp = join(tmp, `${process.pid}-${started}-${(written++).toString(36)}`);
    // Whatever fails leaves no temporary file behind (prune would sweep it, an hour later).
    const attempt = <T>(step: () => T): T => {
      try {
        return step();
      } catch (error) {
        rmSync(temp, { force: true });
        throw error;
      }
    };
    try {
      attempt(() => write(temp));
    } catch (error) {
      // A new cache has no tmp/ yet: made (another process may be making it at this very moment, which is no reason to
      // fail: a store that failed gave its step an output hash of fewer files, and its dependents other keys), and the
      // write tried once more.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      makeFolders(tmp);
      attempt(() => write(temp));
    }
    const target = attempt(targetOf);
    if (target === null) {
      rmSync(temp, { force: true });
      return false;
    }
    try {
      renameSync(temp, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        rmSync(temp, { force: true });
        throw error;
      }
      // The target's folder is new: made, and the rename tried once more.
      attempt(() => {
        makeFolders(join(target, '..'));
        renameSync(temp, target);
      });
    }
    return true;
  }

  private markBlob(hash: string): boolean {
    const now = new Date();
    try {
      utimesSync(this.blobPath(hash), now, now);
      return true;
    } catch {
      return false;
    }
  }

  /** Walks every entry and blob, and sets the running total to what it found. */
  stats(): CacheStats {
    let entries = 0;
    let bytes = 0;
    for (const file of this.files('entries')) {
      entries++;
      bytes += file.size;
    }
    for (const file of this.files('blobs')) bytes += file.size;
    this.added = { bytes: 0, entries: 0 };
    // Asking about a cache never used creates nothing.
    if (entries > 0 || existsSync(this.dir)) this.writeTotal({ version: 1, bytes, entries });
    return { location: this.dir, entries, bytes, maxBytes: this.maxBytes };
  }

  /** Removes every entry and blob (and `last`, where older versions kept each step's last key). */
  clear(): CacheStats {
    for (const part of ['entries', 'blobs', 'last', 'tmp']) rmSync(join(this.dir, part), { recursive: true, force: true });
    return this.stats();
  }

  /**
   * Evicts the least recently used entries until the cache fits `maxBytes`, then removes the blobs no entry names.
   * A run storing meanwhile may lose its entry's blob: its next lookup sees the blob missing and misses, never wrong.
   */
  prune(maxBytes = this.maxBytes): { evicted: number; stats: CacheStats } {
    const entries = this.files('entries').map((file) => ({ ...file, blobs: blobsOf(file.path) }));
    const blobs = new Map(this.files('blobs').map((file) => [file.name, { ...file, refs: 0 }]));
    for (const entry of entries) for (const hash of entry.blobs) { const blob = blobs.get(hash); if (blob) blob.refs++; }
    let total = entries.reduce((sum, entry) => sum + entry.size, 0) + [...blobs.values()].reduce((sum, blob) => sum + blob.size, 0);
    // Orphans (a crashed store's blobs) count until removed below.
    for (const blob of blobs.values()) if (blob.refs === 0) total -= blob.size;
    let evicted = 0;
    entries.sort((a, b) => a.mtimeMs - b.mtimeMs);
    for (const entry of entries) {
      if (maxBytes === null || total <= maxBytes) break;
      rmSync(entry.path, { force: true });
      evicted++;
      total -= entry.size;
      for (const hash of entry.blobs) {
        const blob = blobs.get(hash);
        if (blob !== undefined && --blob.refs === 0) total -= blob.size;
      }
    }
    for (const blob of blobs.values()) if (blob.refs === 0) rmSync(blob.path, { force: true });
    const now = Date.now();
    for (const temp of this.files('tmp', false)) if (now - temp.mtimeMs > STALE_TEMP_MS) rmSync(temp.path, { force: true });
    return { evicted, stats: this.stats() };
  }

  /** The files under a part of the cache (two levels: `part/ab/name`, or one for `tmp`). */
  private files(part: string, nested = true): { name: string; path: string; size: number; mtimeMs: number }[] {
    const found: { name: string; path: string; size: number; mtimeMs: number }[] = [];
    const root = join(this.dir, part);
    const folders = nested ? list(root).map((name) => join(root, name)) : [root];
    for (const folder of folders) {
      for (const name of list(folder)) {
        const path = join(folder, name);
        const stat = statSync(path, { throwIfNoEntry: false });
        if (stat?.isFile()) found.push({ name, path, size: stat.size, mtimeMs: stat.mtimeMs });
      }
    }
    return found;
  }
}

/** How long a use marks an entry for: LRU to the minutes is all eviction needs, and most hits then write nothing. */
const MARK_USED_MS = 10 * 60_000;

function readMarkingUsed(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const { size, mtimeMs } = fstatSync(fd);
    const buffer = Buffer.allocUnsafe(size);
    let read = 0;
    for (let n = 1; read < size && n > 0; read += n) n = readSync(fd, buffer, read, size - read, read);
    const now = Date.now();
    if (now - mtimeMs > MARK_USED_MS) {
      try {
        futimesSync(fd, now / 1000, now / 1000);
      } catch {
        // A read-only shared cache: it is used all the same.
      }
    }
    return buffer.toString('utf8', 0, read);
  } finally {
    closeSync(fd);
  }
}

function list(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function blobsOf(entryPath: string): string[] {
  try {
    const entry = JSON.parse(readFileSync(entryPath, 'utf8')) as CacheEntry;
    return [...entry.files.filter(hasContent).map((file) => file.hash), ...(entry.log !== null ? [entry.log] : [])];
  } catch {
    return [];
  }
}
