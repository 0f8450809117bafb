// The stat memo: a file whose size, mtime and inode did not change is not read again — in this process or the next —
// and a changed one is; a file written a moment ago is not remembered (it may change again within the clock's tick).
import { mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CacheDb } from '../../../../electron/engine/cache/cache-db.js';
import { CacheStore } from '../../../../electron/engine/cache/cache-store.js';
import { loadHasher, type Hasher } from '../../../../electron/engine/cache/hashing.js';
import { StatMemo } from '../../../../electron/engine/cache/stat-memo.js';
import { tempDir } from '../../../helpers.js';

/** The process's hasher, counting the files it reads. */
async function countingHasher(): Promise<Hasher & { reads: string[] }> {
  const hasher = await loadHasher();
  const reads: string[] = [];
  return { ...hasher, reads, file: (path, each) => (reads.push(path), hasher.file(path, each)) };
}

/** Files older than the memo's racy window, so that they are remembered. */
function files(dir: string, names: string[]): string[] {
  const old = new Date(Date.now() - 60_000);
  return names.map((name) => {
    const path = join(dir, name);
    writeFileSync(path, `content of ${name}\n`);
    utimesSync(path, old, old);
    return path;
  });
}

describe('StatMemo', () => {
  it('reads an unchanged file once, across memos on the same file, and a changed one again', async () => {
    const home = tempDir();
    const paths = files(tempDir(), ['a.txt', 'b.txt', 'c.txt']);
    const hasher = await countingHasher();
    const first = new CacheDb(join(home, 'cache-memo.db'));
    const hashes = new StatMemo(first).hashFiles(paths, hasher);
    expect(hasher.reads).toEqual(paths);
    first.close();

    hasher.reads.length = 0;
    const second = new CacheDb(join(home, 'cache-memo.db'));
    const memo = new StatMemo(second);
    expect(memo.hashFiles(paths, hasher)).toEqual(hashes);
    expect(hasher.reads).toEqual([]);
    writeFileSync(paths[1]!, 'changed, longer than before\n');
    expect(memo.hashFiles(paths, hasher).get(paths[1]!)).toBe(hasher.of('changed, longer than before\n'));
    expect(hasher.reads).toEqual([paths[1]]);
    second.close();
  });

  it('finds the rows of a folder and of its subfolders, and does not remember a file written a moment ago', async () => {
    const home = tempDir();
    const dir = tempDir();
    mkdirSync(join(dir, 'sub'));
    const paths = files(dir, ['top.txt', 'sub/inner.txt']);
    const hasher = await countingHasher();
    const db = new CacheDb(join(home, 'cache-memo.db'));
    new StatMemo(db).hashFiles(paths, hasher);
    db.close();
    const fresh = join(dir, 'fresh.txt');
    writeFileSync(fresh, 'just written\n');
    hasher.reads.length = 0;
    const again = new CacheDb(join(home, 'cache-memo.db'));
    const memo = new StatMemo(again);
    memo.hashFiles([fresh, ...paths.reverse()], hasher);
    memo.hashFiles([fresh], hasher);
    expect(hasher.reads).toEqual([fresh, fresh]);
    again.close();
  });

  it('remembers an output as it was stored, unless it changed while read or was written a moment before', async () => {
    const home = tempDir();
    const dir = tempDir();
    const [kept, changed] = files(dir, ['kept.bin', 'changed.bin']);
    const fresh = join(dir, 'fresh.bin');
    writeFileSync(fresh, 'just written\n');
    const hasher = await countingHasher();
    const store = new CacheStore(tempDir(), null);
    const db = new CacheDb(join(home, 'cache-memo.db'));
    const memo = new StatMemo(db);
    const stored = new Map<string, string>();
    for (const path of [kept!, changed!, fresh]) {
      const before = statSync(path);
      const readFrom = Date.now();
      stored.set(path, store.putFile(path, hasher));
      // Another writer between the read and the check: its new content must be hashed, never the stored hash reused.
      if (path === changed) writeFileSync(path, 'written while it was stored, longer\n');
      memo.rememberRead(path, stored.get(path)!, before, readFrom);
    }
    expect(hasher.of(readFileSync(store.blobPath(stored.get(kept!)!)))).toBe(stored.get(kept!));
    db.close();

    hasher.reads.length = 0;
    const next = new CacheDb(join(home, 'cache-memo.db'));
    const again = new StatMemo(next).hashFiles([kept!, changed!, fresh], hasher);
    expect(again.get(kept!)).toBe(stored.get(kept!));
    expect(again.get(changed!)).toBe(hasher.of('written while it was stored, longer\n'));
    expect(hasher.reads).toEqual([changed, fresh]);
    next.close();
  });
});
