// The step cache as the engine holds it: its store (at the configured location), this machine's bookkeeping (stat memo,
// last keys) and the hasher, each made on first use so that a run without cached steps pays nothing for them.
import { join } from 'node:path';
import type { CacheStats } from '../../../shared/model.js';
import { CacheDb } from './cache-db.js';
import { CacheStore } from './cache-store.js';
import type { CacheLocation } from './cache-location.js';
import { loadedHasher, loadHasher, type Hasher } from './hashing.js';
import { LastKeys } from './last-keys.js';
import { StatMemo } from './stat-memo.js';

export class StepCache {
  private current: CacheStore | null = null;
  private db: CacheDb | null = null;
  private memoRows: StatMemo | null = null;
  private lastKeyRows: LastKeys | null = null;
  /** Whether a result was stored since the last eviction check, and when that check last ran. */
  private grew = false;
  private lastEviction = 0;

  constructor(
    /** Read again for each store made: a setting changed while the app runs applies to the next run. */
    private readonly location: () => CacheLocation,
    /** The home folder this machine's bookkeeping lives in (it names local paths and inodes). */
    private readonly home: string,
  ) {}

  get store(): CacheStore {
    return (this.current ??= this.newStore());
  }

  get memo(): StatMemo {
    return (this.memoRows ??= new StatMemo(this.bookkeeping()));
  }

  get lastKeys(): LastKeys {
    return (this.lastKeyRows ??= new LastKeys(this.bookkeeping()));
  }

  hasher(): Promise<Hasher> {
    return loadHasher();
  }

  /** The hasher if it is loaded already, else null. */
  loadedHasher(): Hasher | null {
    return loadedHasher();
  }

  stored(): void {
    this.grew = true;
  }

  stats(): CacheStats {
    return this.refresh().stats();
  }

  clear(): CacheStats {
    return this.refresh().clear();
  }

  prune(maxBytes?: number | null): { evicted: number; stats: CacheStats } {
    return this.refresh().prune(maxBytes);
  }

  /**
   * After a run (or now and then on a worker): evicts the least recently used entries if storing took the cache past
   * its cap. The check reads the running total, not the cache's files: only an eviction walks them.
   */
  evictIfGrown(minIntervalMs = 0): void {
    if (!this.grew || Date.now() - this.lastEviction < minIntervalMs) return;
    this.grew = false;
    this.lastEviction = Date.now();
    const store = this.store;
    // Kept up to date with no cap too: a cap set later starts from a true total.
    const bytes = store.sizeAfterWrites();
    if (store.maxBytes !== null && bytes > store.maxBytes) store.prune();
  }

  close(): void {
    this.db?.close();
    this.db = null;
    this.memoRows = null;
    this.lastKeyRows = null;
  }

  private bookkeeping(): CacheDb {
    return (this.db ??= new CacheDb(join(this.home, 'cache-memo.db')));
  }

  /** The store at the location configured now. */
  private refresh(): CacheStore {
    this.current = this.newStore();
    return this.current;
  }

  private newStore(): CacheStore {
    const { dir, maxBytes } = this.location();
    return new CacheStore(dir, maxBytes);
  }
}
