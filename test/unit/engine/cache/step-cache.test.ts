// Keeping the cache under its cap: after a run that stored, the check reads a running size total (no walk over every
// entry and blob), evicts least recently used entries once the total passes the cap, and a walk puts the total right.
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CacheStore } from '../../../../electron/engine/cache/cache-store.js';
import { loadHasher } from '../../../../electron/engine/cache/hashing.js';
import { StepCache } from '../../../../electron/engine/cache/step-cache.js';
import { tempDir } from '../../../helpers.js';

/** Stores one entry naming one 1,000-byte blob of its own, as a step's result would be. */
async function storeResult(store: CacheStore, i: number): Promise<void> {
  const hasher = await loadHasher();
  const bytes = Buffer.alloc(1000, i);
  const hash = hasher.of(bytes);
  store.putBytes(bytes, hash);
  store.write({
    version: 1, key: keyOf(i), workflow: 'w', step: `s${i}`, executionId: 'e', outputs: {}, exitCode: 0,
    files: [{ path: `f${i}`, hash, mode: 0o644, size: 1000 }], log: null, durationMs: 1, outputHash: 'o', createdAt: 0,
  });
}

const keyOf = (i: number): string => `${i.toString(16).padStart(2, '0')}${'0'.repeat(30)}`;

/** Marks result i last used that many minutes ago. */
function age(dir: string, i: number, minutesAgo: number): void {
  const when = new Date(Date.now() - minutesAgo * 60_000);
  utimesSync(join(dir, 'entries', keyOf(i).slice(0, 2), `${keyOf(i)}.json`), when, when);
}

const total = (dir: string): { bytes: number; entries: number } => JSON.parse(readFileSync(join(dir, 'size.json'), 'utf8')) as { bytes: number; entries: number };

describe('StepCache.evictIfGrown', () => {
  it('keeps a running total of what runs stored, equal to a walk of the files', async () => {
    const dir = tempDir();
    const cache = new StepCache(() => ({ dir, maxBytes: null }), tempDir());
    await storeResult(cache.store, 1);
    cache.stored();
    cache.evictIfGrown();
    expect(total(dir)).toMatchObject({ entries: 1 });
    await storeResult(cache.store, 2);
    await storeResult(cache.store, 3);
    cache.stored();
    cache.evictIfGrown();
    const walked = cache.stats();
    expect(total(dir)).toEqual({ version: 1, bytes: walked.bytes, entries: 3 });
    expect(walked.entries).toBe(3);
  });

  it('evicts by the total, not by walking: past the cap, the least recently used go, and the walk puts the total right', async () => {
    const dir = tempDir();
    let maxBytes: number | null = null;
    const cache = new StepCache(() => ({ dir, maxBytes }), tempDir());
    for (let i = 1; i <= 4; i++) await storeResult(cache.store, i);
    cache.stored();
    cache.evictIfGrown();
    // A total that (wrongly) says the cache is empty is believed under a cap: nothing walked, nothing evicted.
    maxBytes = 3000;
    writeFileSync(join(dir, 'size.json'), JSON.stringify({ version: 1, bytes: 0, entries: 0 }));
    await storeResult(cache.store, 5);
    cache.stored();
    cache.evictIfGrown();
    expect(total(dir).entries).toBe(1);
    expect(cache.stats().entries).toBe(5);
    // Entry 1 used last, the others in order: a run storing past the cap evicts 2…5 and keeps 1 and 6.
    for (let i = 2; i <= 5; i++) age(dir, i, 10 - i);
    await storeResult(cache.store, 6);
    age(dir, 6, 1);
    cache.stored();
    cache.evictIfGrown();
    const after = cache.stats();
    expect(after.entries).toBe(2);
    expect(after.bytes).toBeLessThanOrEqual(3000);
    expect(cache.store.read(keyOf(1))).not.toBeNull();
    expect(cache.store.read(keyOf(6))).not.toBeNull();
    expect(total(dir)).toEqual({ version: 1, bytes: after.bytes, entries: 2 });
  });

  it('with no total yet (a cache from an older version), walks once to make it', async () => {
    const dir = tempDir();
    const cache = new StepCache(() => ({ dir, maxBytes: 1_000_000 }), tempDir());
    await storeResult(cache.store, 1);
    expect(existsSync(join(dir, 'size.json'))).toBe(false);
    cache.stored();
    cache.evictIfGrown();
    expect(total(dir)).toMatchObject({ entries: 1 });
    expect(total(dir).bytes).toBe(cache.stats().bytes);
  });
});
