// Two processes storing into a new cache at the same moment: the one whose first write finds no tmp/ folder, while
// the other is making it, still stores its result. The interleaving is forced: the existence check this store once
// made after its failed write is answered as the other process would have left the disk (fs.existsSync wrapped).
import type * as Fs from 'node:fs';
import { mkdirSync } from 'node:fs';
import { join, sep } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CacheStore } from '../../../../electron/engine/cache/cache-store.js';
import { tempDir } from '../../../helpers.js';

vi.mock('node:fs', async (original) => {
  const real = await original<typeof Fs>();
  return {
    ...real,
    // The other process makes tmp/ just as this one looks for it.
    existsSync: (path: Fs.PathLike) => {
      if (String(path).endsWith(`${sep}tmp`)) real.mkdirSync(path, { recursive: true });
      return real.existsSync(path);
    },
  };
});

describe('storing into a new cache', () => {
  it('stores when another process makes the cache\'s tmp/ folder at the same moment', () => {
    const root = join(tempDir(), 'cache');
    mkdirSync(root, { recursive: true });
    const store = new CacheStore(root, null);
    const key = 'ab'.padEnd(32, '0');
    expect(() => store.write({ version: 1, key, workflow: 'w', step: 's', executionId: 'e', outputs: {}, exitCode: 0, files: [], log: null, durationMs: 1, outputHash: 'o', createdAt: 0 })).not.toThrow();
    expect(store.read(key)?.step).toBe('s');
  });
});
