// `codomyrmex cache stats|prune|clear [--json]`: the step cache's location, entries and size; evict the least
// recently used entries down to the cap (or --max-bytes N); or empty it.
import type { CacheStats } from '../../../shared/model.js';
import { cacheLocation, parseByteSize } from '../../engine/cache/cache-location.js';
import { StepCache } from '../../engine/cache/step-cache.js';
import { defaultHome } from '../../engine/store/paths.js';
import { openSettings } from '../../engine/store/settings-store.js';
import { EXIT, UsageError, type CliValues } from './command-line.js';

const ACTIONS = ['stats', 'prune', 'clear'] as const;

export async function cacheCommand(rest: string[], values: CliValues): Promise<number> {
  const [action, ...extra] = rest;
  if (action === undefined || !(ACTIONS as readonly string[]).includes(action) || extra.length > 0) {
    throw new UsageError(`codomyrmex cache takes one of ${ACTIONS.join(', ')}, got ${rest.length === 0 ? 'none' : rest.join(' ')}`);
  }
  if (values['max-bytes'] !== undefined && action !== 'prune') throw new UsageError('--max-bytes goes with codomyrmex cache prune');
  const maxBytes = values['max-bytes'] === undefined ? undefined : parseBytes(values['max-bytes']);
  const home = defaultHome();
  const warn = (message: string): void => void process.stderr.write(`codomyrmex: ${message}\n`);
  const cache = new StepCache(() => cacheLocation(home, openSettings(home, warn), process.env, warn), home);
  try {
    if (action === 'stats') return print(values, cache.stats(), null);
    if (action === 'clear') return print(values, cache.clear(), 'cleared');
    const { evicted, stats } = cache.prune(maxBytes);
    return print(values, stats, `pruned: ${evicted} entr${evicted === 1 ? 'y' : 'ies'} evicted`, { evicted });
  } finally {
    cache.close();
  }
}

function print(values: CliValues, stats: CacheStats, done: string | null, extra: Record<string, unknown> = {}): number {
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ ...stats, ...extra })}\n`);
    return EXIT.ok;
  }
  const cap = stats.maxBytes === null ? 'no cap' : `cap ${formatBytes(stats.maxBytes)}`;
  if (done !== null) process.stdout.write(`${done}\n`);
  process.stdout.write(`${stats.location}: ${stats.entries} entr${stats.entries === 1 ? 'y' : 'ies'}, ${formatBytes(stats.bytes)} (${cap})\n`);
  return EXIT.ok;
}

function parseBytes(text: string): number {
  const bytes = parseByteSize(text);
  if (bytes === null) throw new UsageError(`--max-bytes takes a size like 500M or 5G, got "${text}"`);
  return bytes;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
