// Where the step cache lives and how large it may grow: $CODOMYRMEX_CACHE_DIR / $CODOMYRMEX_CACHE_MAX_BYTES, else the
// `cache` setting ({ dir, maxBytes }), else `$CODOMYRMEX_HOME/cache` and 5 GiB. A shared folder makes one machine's
// hit another's.
import { isAbsolute, join, resolve } from 'node:path';
import type { SettingsStore } from '../store/settings-store.js';

/** The settings key: `{ dir?: string | null, maxBytes?: number | null }` (maxBytes null: no cap). */
export const CACHE_SETTING = 'cache';
export const DEFAULT_CACHE_MAX_BYTES = 5 * 1024 ** 3;

export interface CacheLocation {
  dir: string;
  maxBytes: number | null;
}

export function cacheLocation(home: string, settings: SettingsStore | null, env: NodeJS.ProcessEnv = process.env, warn: (message: string) => void = () => {}): CacheLocation {
  const setting = (settings?.get(CACHE_SETTING) ?? {}) as { dir?: unknown; maxBytes?: unknown };
  const dirText = env.CODOMYRMEX_CACHE_DIR || (typeof setting.dir === 'string' && setting.dir !== '' ? setting.dir : null);
  const dir = dirText === null ? join(home, 'cache') : isAbsolute(dirText) ? dirText : resolve(home, dirText);
  return { dir, maxBytes: maxBytesOf(env.CODOMYRMEX_CACHE_MAX_BYTES, setting.maxBytes, warn) };
}

function maxBytesOf(fromEnv: string | undefined, fromSetting: unknown, warn: (message: string) => void): number | null {
  if (fromEnv !== undefined && fromEnv !== '') {
    if (fromEnv === 'none') return null;
    const value = Number(fromEnv);
    if (Number.isInteger(value) && value > 0) return value;
    warn(`CODOMYRMEX_CACHE_MAX_BYTES takes a whole number of bytes or "none", got "${fromEnv}": the cache keeps its default cap`);
  }
  if (fromSetting === null) return null;
  if (fromSetting !== undefined) {
    if (typeof fromSetting === 'number' && Number.isInteger(fromSetting) && fromSetting > 0) return fromSetting;
    warn(`the "cache.maxBytes" setting takes a whole number of bytes or null, got ${JSON.stringify(fromSetting)}: the cache keeps its default cap`);
  }
  return DEFAULT_CACHE_MAX_BYTES;
}
