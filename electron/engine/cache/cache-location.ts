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
  const stored = settings?.get(CACHE_SETTING);
  const setting = settingOf(stored, warn);
  let dirText = env.CODOMYRMEX_CACHE_DIR || null;
  if (dirText === null && setting.dir !== undefined && setting.dir !== null) {
    if (typeof setting.dir === 'string' && setting.dir !== '') dirText = setting.dir;
    else warn(`the "cache.dir" setting takes a folder's path or null, got ${JSON.stringify(setting.dir)}: the cache stays in ${join(home, 'cache')}`);
  }
  const dir = dirText === null ? join(home, 'cache') : isAbsolute(dirText) ? dirText : resolve(home, dirText);
  return { dir, maxBytes: maxBytesOf(env.CODOMYRMEX_CACHE_MAX_BYTES, setting.maxBytes, warn) };
}

/** The setting as an object; anything else (a number, a list) is named and left for the defaults. */
function settingOf(stored: unknown, warn: (message: string) => void): { dir?: unknown; maxBytes?: unknown } {
  if (stored === undefined || stored === null) return {};
  if (typeof stored === 'object' && !Array.isArray(stored)) return stored as { dir?: unknown; maxBytes?: unknown };
  warn(`the "cache" setting takes { "dir": …, "maxBytes": … }, got ${JSON.stringify(stored)}: the cache keeps its defaults`);
  return {};
}

/** A size as people write it — `1000`, `512K`, `20M`, `5G`, `5GiB` — in bytes (powers of 1024); null when it is not a size. */
export function parseByteSize(text: string): number | null {
  const match = /^(\d+(?:\.\d+)?)\s*([KMGT]?)(?:i?B)?$/i.exec(text.trim());
  if (match === null) return null;
  const unit = 1024 ** ['', 'K', 'M', 'G', 'T'].indexOf(match[2]!.toUpperCase());
  return Math.floor(Number(match[1]) * unit);
}

function maxBytesOf(fromEnv: string | undefined, fromSetting: unknown, warn: (message: string) => void): number | null {
  if (fromEnv !== undefined && fromEnv !== '') {
    if (fromEnv === 'none') return null;
    const value = parseByteSize(fromEnv);
    if (value !== null && value > 0) return value;
    warn(`CODOMYRMEX_CACHE_MAX_BYTES takes a size like 500M or 5G (bytes, K, M, G, T) or "none", got "${fromEnv}": the cache keeps its default cap`);
  }
  if (fromSetting === null) return null;
  if (fromSetting !== undefined) {
    const value = typeof fromSetting === 'number' && Number.isInteger(fromSetting) ? fromSetting : typeof fromSetting === 'string' ? parseByteSize(fromSetting) : null;
    if (value !== null && value > 0) return value;
    warn(`the "cache.maxBytes" setting takes a whole number of bytes, a size like "5G", or null, got ${JSON.stringify(fromSetting)}: the cache keeps its default cap`);
  }
  return DEFAULT_CACHE_MAX_BYTES;
}
