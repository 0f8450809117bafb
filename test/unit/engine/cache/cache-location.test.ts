// Where the cache lives and how big it may grow, read from the environment and the `cache` setting: a value of the wrong
// kind is named in a warning and the default kept, never silently dropped nor a crash.
import { describe, expect, it } from 'vitest';
import { cacheLocation, DEFAULT_CACHE_MAX_BYTES, parseByteSize } from '../../../../electron/engine/cache/cache-location.js';
import type { SettingsStore } from '../../../../electron/engine/store/settings-store.js';

function settingsWith(cache: unknown): SettingsStore {
  return { get: (key) => (key === 'cache' ? cache : undefined), set: () => Promise.resolve() };
}

function locate(cache: unknown, env: NodeJS.ProcessEnv = {}): { location: ReturnType<typeof cacheLocation>; warnings: string[] } {
  const warnings: string[] = [];
  const location = cacheLocation('/home/u/.codomyrmex', settingsWith(cache), env, (message) => warnings.push(message));
  return { location, warnings };
}

describe('the cache setting', () => {
  it('reads sizes as people write them, in the setting and the environment', () => {
    expect(parseByteSize('1000')).toBe(1000);
    expect(parseByteSize('512K')).toBe(512 * 1024);
    expect(parseByteSize('1.5 G')).toBe(1.5 * 1024 ** 3);
    expect(parseByteSize('5GiB')).toBe(5 * 1024 ** 3);
    expect(parseByteSize('2tb')).toBe(2 * 1024 ** 4);
    expect(parseByteSize('0')).toBe(0);
    for (const text of ['', 'abc', '-5', '5X', '5 G B']) expect(parseByteSize(text), text).toBeNull();
    expect(locate({ maxBytes: '5G' })).toEqual({ location: { dir: '/home/u/.codomyrmex/cache', maxBytes: 5 * 1024 ** 3 }, warnings: [] });
    expect(locate({ maxBytes: 1000 }, { CODOMYRMEX_CACHE_MAX_BYTES: '20M' }).location.maxBytes).toBe(20 * 1024 ** 2);
    expect(locate({ maxBytes: null }).location.maxBytes).toBeNull();
    expect(locate({}, { CODOMYRMEX_CACHE_MAX_BYTES: 'none' }).location.maxBytes).toBeNull();
  });

  it('names a value of the wrong kind and keeps the default', () => {
    for (const maxBytes of ['abc', -5, 0, 1.5, true, []]) {
      const { location, warnings } = locate({ maxBytes });
      expect(location.maxBytes, JSON.stringify(maxBytes)).toBe(DEFAULT_CACHE_MAX_BYTES);
      expect(warnings).toEqual([`the "cache.maxBytes" setting takes a whole number of bytes, a size like "5G", or null, got ${JSON.stringify(maxBytes)}: the cache keeps its default cap`]);
    }
    expect(locate({ dir: 5 })).toEqual({
      location: { dir: '/home/u/.codomyrmex/cache', maxBytes: DEFAULT_CACHE_MAX_BYTES },
      warnings: ['the "cache.dir" setting takes a folder\'s path or null, got 5: the cache stays in /home/u/.codomyrmex/cache'],
    });
    for (const cache of [7, 'big', [1]]) {
      expect(locate(cache).warnings, JSON.stringify(cache)).toEqual([`the "cache" setting takes { "dir": …, "maxBytes": … }, got ${JSON.stringify(cache)}: the cache keeps its defaults`]);
    }
    expect(locate({}, { CODOMYRMEX_CACHE_MAX_BYTES: 'lots' }).warnings[0]).toContain('CODOMYRMEX_CACHE_MAX_BYTES takes a size like 500M or 5G');
  });

  it('puts a relative folder under the home, an absolute one where it says, and the environment first', () => {
    expect(locate({ dir: 'shared' }).location.dir).toBe('/home/u/.codomyrmex/shared');
    expect(locate({ dir: '/mnt/cache' }).location.dir).toBe('/mnt/cache');
    expect(locate({ dir: '/mnt/cache' }, { CODOMYRMEX_CACHE_DIR: '/srv/c' }).location.dir).toBe('/srv/c');
    expect(locate({ dir: null })).toEqual({ location: { dir: '/home/u/.codomyrmex/cache', maxBytes: DEFAULT_CACHE_MAX_BYTES }, warnings: [] });
  });
});
