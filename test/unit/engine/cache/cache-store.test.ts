// The cache's files: identical outputs stored once, a half-written or garbled entry never read, LRU eviction.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { CacheStore, type CacheEntry } from '../../../../electron/engine/cache/cache-store.js';
import { loadHasher } from '../../../../electron/engine/cache/hashing.js';
import { tempDir } from '../../../helpers.js';

const entry = (key: string, files: CacheEntry['files'] = []): CacheEntry => ({
  version: 1, key, workflow: 'w', step: 's', executionId: 'e', outputs: { exitCode: 0 }, exitCode: 0, files, log: null, durationMs: 1, outputHash: 'o', createdAt: 0,
});

describe('CacheStore', () => {
  it('stores a content once however many files hold it, under its hash', async () => {
    const hasher = await loadHasher();
    const store = new CacheStore(tempDir(), null);
    const dir = tempDir();
    writeFileSync(join(dir, 'a'), 'same');
    writeFileSync(join(dir, 'b'), 'same');
    const first = store.putFile(join(dir, 'a'), hasher);
    expect(store.putFile(join(dir, 'b'), hasher)).toBe(first);
    expect(first).toBe(hasher.of('same'));
    expect(store.stats().bytes).toBe(4);
  });

  it('stores a large file as read, in one pass, and leaves no temporary file when the source cannot be read', async () => {
    const hasher = await loadHasher();
    const root = tempDir();
    const store = new CacheStore(root, null);
    const dir = tempDir();
    // Larger than the hasher's 1 MiB chunk, not a multiple of it: the last chunk is short.
    const bytes = Buffer.alloc(3 * 1024 * 1024 + 17);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31) % 251;
    writeFileSync(join(dir, 'big'), bytes);
    const hash = store.putFile(join(dir, 'big'), hasher);
    expect(hash).toBe(hasher.of(bytes));
    expect(readFileSync(store.blobPath(hash)).equals(bytes)).toBe(true);
    expect(store.putFile(join(dir, 'big'), hasher)).toBe(hash);
    expect(store.sizeAfterWrites()).toBe(bytes.length);
    expect(() => store.putFile(join(dir, 'gone'), hasher)).toThrow(/ENOENT/);
    expect(readdirSync(join(root, 'tmp'))).toEqual([]);
  });

  it('reads no entry a crash left half written (a temporary file) or that is garbled, and prune sweeps them', () => {
    const root = tempDir();
    const store = new CacheStore(root, null);
    const key = 'ab'.repeat(16);
    mkdirSync(join(root, 'tmp'), { recursive: true });
    writeFileSync(join(root, 'tmp', '123-abc'), '{"version":1,"key":"');
    const old = new Date(Date.now() - 2 * 3_600_000);
    utimesSync(join(root, 'tmp', '123-abc'), old, old);
    expect(store.read(key)).toBeNull();
    mkdirSync(join(root, 'entries', 'ab'), { recursive: true });
    writeFileSync(join(root, 'entries', 'ab', `${key}.json`), '{"version":1,');
    expect(store.read(key)).toBeNull();
    expect(readdirSync(join(root, 'entries', 'ab'))).toEqual([]);
    store.prune();
    expect(readdirSync(join(root, 'tmp'))).toEqual([]);
  });

  it('evicts the least recently used entries down to the cap, and the blobs only they named', async () => {
    const hasher = await loadHasher();
    const root = tempDir();
    const store = new CacheStore(root, null);
    const keys = ['aa', 'bb', 'cc'].map((prefix) => prefix.repeat(16));
    keys.forEach((key, i) => {
      const bytes = Buffer.alloc(1000, i);
      const hash = hasher.of(bytes);
      store.putBytes(bytes, hash);
      store.write(entry(key, [{ path: `f${i}`, hash, mode: 0o644, size: 1000 }]));
      const when = new Date(Date.now() - (10 - i) * 60_000);
      utimesSync(join(root, 'entries', key.slice(0, 2), `${key}.json`), when, when);
    });
    store.touch(keys[0]!);
    const { evicted, stats } = store.prune(3000);
    expect(evicted).toBe(1);
    expect(store.read(keys[1]!)).toBeNull();
    expect(store.read(keys[0]!)).not.toBeNull();
    expect(store.read(keys[2]!)).not.toBeNull();
    expect(stats.entries).toBe(2);
    expect(stats.bytes).toBeLessThanOrEqual(3000);
  });

  it('a read marks an entry used, for eviction, unless it was marked in the last minutes (a run of hits writes nothing)', () => {
    const root = tempDir();
    const store = new CacheStore(root, null);
    const key = 'cd'.repeat(16);
    store.write(entry(key));
    const path = join(root, 'entries', 'cd', `${key}.json`);
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(path, hourAgo, hourAgo);
    expect(store.read(key)?.key).toBe(key);
    expect(Date.now() - statSync(path).mtimeMs).toBeLessThan(60_000);
    const minuteAgo = new Date(Date.now() - 60_000);
    utimesSync(path, minuteAgo, minuteAgo);
    expect(store.read(key)?.key).toBe(key);
    expect(Math.round(statSync(path).mtimeMs)).toBe(minuteAgo.getTime());
  });

  it('keeps a true running total when processes add to it at the same moment (none loses its share)', async () => {
    const root = tempDir();
    const work = tempDir();
    const entry = join(work, 'adder.ts');
    const storeModule = join(import.meta.dirname, '..', '..', '..', '..', 'electron', 'engine', 'cache', 'cache-store.ts');
    // Each adder stores 30 entries of its own, asking for the total after each, as 30 runs in a row would.
    writeFileSync(entry, `
      import { CacheStore } from ${JSON.stringify(storeModule)};
      const [root, id] = process.argv.slice(2);
      const store = new CacheStore(root, null);
      const start = Number(process.argv[4]);
      while (Date.now() < start) {}
      for (let i = 0; i < 30; i++) {
        const key = (id + i.toString(16).padStart(4, '0')).padEnd(32, '0');
        store.write({ version: 1, key, workflow: 'w', step: 's', executionId: id, outputs: {}, exitCode: 0, files: [], log: null, durationMs: 1, outputHash: 'o', createdAt: 0 });
        store.sizeAfterWrites();
      }
    `);
    const bundle = join(work, 'adder.mjs');
    await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', outfile: bundle, logLevel: 'error' });
    const store = new CacheStore(root, null);
    store.stats();
    const start = String(Date.now() + 400);
    const adders = ['a1', 'b2', 'c3', 'd4', 'e5', 'f6'].map((id) => spawn(process.execPath, [bundle, root, id, start], { stdio: 'inherit' }));
    const codes = await Promise.all(adders.map((child) => new Promise((resolve) => child.on('exit', resolve))));
    expect(codes).toEqual([0, 0, 0, 0, 0, 0]);
    const total = JSON.parse(readFileSync(join(root, 'size.json'), 'utf8')) as { bytes: number; entries: number };
    const walked = store.stats();
    expect({ bytes: total.bytes, entries: total.entries }).toEqual({ bytes: walked.bytes, entries: 180 });
    expect(readdirSync(root).filter((name) => name.endsWith('.lock'))).toEqual([]);
  });
});
