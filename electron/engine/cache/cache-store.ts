// The step cache on disk: content-addressed blobs (a file stored once however many entries name it), one entry per
// key and each step's last key manifest. Every write goes to a temporary file renamed into place, so a crash leaves
// no half entry and concurrent runs writing the same key each leave a whole one.
import { copyFileSync, constants, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CacheStats } from '../../../shared/model.js';
import type { Hasher } from './hashing.js';

/** An output file as stored: where it goes under the step's folder, its content's hash and its mode bits. */
export interface StoredFile {
  path: string;
  hash: string;
  mode: number;
  size: number;
}

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

/** Temporary names unique within the process (its pid makes them unique across processes). */
let written = 0;
const started = Date.now().toString(36);

/** Temporary files older than this are a crashed writer's and go at the next prune. */
const STALE_TEMP_MS = 3_600_000;

export class CacheStore {
  constructor(
    readonly dir: string,
    readonly maxBytes: number | null,
  ) {}

  blobPath(hash: string): string {
    return join(this.dir, 'blobs', hash.slice(0, 2), hash);
  }

  private entryPath(key: string): string {
    return join(this.dir, 'entries', key.slice(0, 2), `${key}.json`);
  }

  private lastPath(id: string): string {
    return join(this.dir, 'last', `${id}.json`);
  }

  /** The entry stored under `key`, or null when there is none (or it cannot be read: then it is a miss, and removed). */
  read(key: string): CacheEntry | null {
    const path = this.entryPath(key);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      return null;
    }
    try {
      const entry = JSON.parse(text) as CacheEntry;
      if (entry.version === 1 && entry.key === key && Array.isArray(entry.files)) return entry;
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
   * Stores a file's content (once: an existing blob is only marked used) and returns its hash. What is stored is
   * hashed as copied, so a file changing meanwhile is stored under the hash of what was copied, never a wrong one.
   */
  putFile(source: string, hasher: Hasher): string {
    const hash = hasher.file(source);
    if (this.markBlob(hash)) return hash;
    let stored = hash;
    this.place(() => this.blobPath(stored), (temp) => {
      copyFileSync(source, temp, constants.COPYFILE_FICLONE);
      stored = hasher.file(temp);
    });
    return stored;
  }

  putBytes(bytes: Uint8Array, hash: string): void {
    if (this.markBlob(hash)) return;
    this.place(() => this.blobPath(hash), (temp) => writeFileSync(temp, bytes));
  }

  write(entry: CacheEntry): void {
    this.place(() => this.entryPath(entry.key), (temp) => writeFileSync(temp, JSON.stringify(entry)));
  }

  readLast<T>(id: string): T | null {
    try {
      return JSON.parse(readFileSync(this.lastPath(id), 'utf8')) as T;
    } catch {
      return null;
    }
  }

  writeLast(id: string, value: unknown): void {
    this.place(() => this.lastPath(id), (temp) => writeFileSync(temp, JSON.stringify(value)));
  }

  /** Writes through a temporary file in the cache's own folder (same file system), renamed over the target. */
  private place(targetOf: () => string, write: (temp: string) => void): void {
    const tmp = join(this.dir, 'tmp');
    const temp = join(tmp, `${process.pid}-${started}-${(written++).toString(36)}`);
    try {
      write(temp);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      mkdirSync(tmp, { recursive: true });
      write(temp);
    }
    const target = targetOf();
    try {
      renameSync(temp, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      mkdirSync(join(target, '..'), { recursive: true });
      renameSync(temp, target);
    }
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

  stats(): CacheStats {
    let entries = 0;
    let bytes = 0;
    for (const file of this.files('entries')) {
      entries++;
      bytes += file.size;
    }
    for (const file of this.files('blobs')) bytes += file.size;
    return { location: this.dir, entries, bytes, maxBytes: this.maxBytes };
  }

  /** Removes every entry, blob and manifest. */
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
    return [...entry.files.map((file) => file.hash), ...(entry.log !== null ? [entry.log] : [])];
  } catch {
    return [];
  }
}
