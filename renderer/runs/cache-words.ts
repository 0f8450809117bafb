// The step cache in the user's words (issue 18): a key shortened for reading, why a step with `cache` ran instead of
// being restored, what bypassed the cache, and how many of a run's steps came from it.
import type { CacheChange, CacheMiss, StepRun } from '../../shared/model.js';

/** Hex digits of a key shown; the whole key is in the title and is what Copy copies. */
export const SHORT_KEY_LENGTH = 12;

export const shortKey = (key: string): string => key.slice(0, SHORT_KEY_LENGTH);

/**
 * One change as a line, in the words the engine's summary uses for a single change (cache-key.ts): "input src/a.c
 * changed", "env CC unset", "upstream gen output changed", "parameters changed", "action shell.run 1 → 2".
 */
export function changeText(change: CacheChange): string {
  switch (change.kind) {
    case 'input':
    case 'env':
    case 'upstream':
      return `${change.kind} ${change.name} ${change.detail}`;
    case 'params':
      return `${change.name} ${change.detail}`;
    case 'action':
      return `action ${change.detail}`;
    case 'cwd':
      return `working directory ${change.name} (${change.detail})`;
    default:
      // `outputs` and kinds newer than this page: the detail names what happened to the file.
      return `${change.name} ${change.detail}`;
  }
}

/** The changes worth a list under a miss's summary: none when the summary already is the one change in words. */
export function listedChanges(miss: CacheMiss): CacheChange[] {
  return miss.changes.length === 1 && changeText(miss.changes[0]!) === miss.summary.trim() ? [] : miss.changes;
}

/** What went around the cache instead of through it, from a miss's summary; null when the cache was asked. */
export function cacheBypass(miss: CacheMiss | null | undefined): string | null {
  const summary = miss?.summary.trim() ?? '';
  if (summary.startsWith('--no-cache')) return '--no-cache: the cache was neither read nor written';
  if (summary.startsWith('--force')) return '--force: run again whatever the cache held; its result was stored';
  return null;
}

/** How a run went around the cache, as its progress line says it: run without it, or forcing some steps; null when it did not. */
export function runBypass(steps: Iterable<[string, StepRun]>): { kind: 'no-cache' | 'force'; text: string } | null {
  const forced: string[] = [];
  for (const [name, run] of steps) {
    const summary = run.cacheMiss?.summary.trim() ?? '';
    if (summary.startsWith('--no-cache')) return { kind: 'no-cache', text: 'run without cache' };
    if (summary.startsWith('--force')) forced.push(name);
  }
  if (forced.length === 0) return null;
  return { kind: 'force', text: forced.length <= 3 ? `forced: ${forced.join(', ')}` : `${forced.length} steps forced` };
}

/** The one line a step's node and timeline row carry about the cache; null for a step the cache has nothing to say of. */
export function cacheNote(run: StepRun | undefined): string | null {
  if (run === undefined) return null;
  if (run.status === 'cached') return run.cacheKey == null ? 'Restored from cache' : `Restored from cache (key ${shortKey(run.cacheKey)})`;
  if (run.cacheMiss != null) return `Ran: ${run.cacheMiss.summary}`;
  return null;
}

/** How many of the steps were restored from the cache. */
export function cachedCount(steps: Iterable<StepRun>): number {
  let cached = 0;
  for (const run of steps) if (run.status === 'cached') cached++;
  return cached;
}

/**
 * A run's share of cached steps, as its history row says it: "all cached" for a run none of whose steps ran, "3 cached"
 * for some; null for none. A run listed without its steps (history lists) is counted by the counts it was listed with.
 */
export function cacheShare(steps: Iterable<StepRun>, listed?: { cached: number; others: number }): string | null {
  let cached = 0;
  let other = 0;
  for (const run of steps) {
    if (run.status === 'cached') cached++;
    else if (run.status !== 'not-selected') other++;
  }
  // A run listed without its steps: the counts the history list came with.
  if (cached + other === 0 && listed !== undefined) ({ cached, others: other } = listed);
  if (cached === 0) return null;
  return other === 0 ? 'all cached' : `${cached} cached`;
}
