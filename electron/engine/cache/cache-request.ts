// What crosses the executor seam for a cached step (plain data: it goes to workers too) and what comes back.
import type { CacheMiss, StepCache } from '../../../shared/model.js';
import type { ActionResult } from '../actions/action.js';

export interface CacheRequest {
  /** The step's `cache` (or its workflow's). */
  spec: StepCache;
  /** The workflow's name: a step's last key is kept per (workflow, step), to say what changed. */
  workflow: string;
  /** --force: run it and store the result, reading no entry. */
  force: boolean;
  /** Each dependency's output hash (not its key: a dependency that reran to the same outputs changes nothing). */
  upstream: Record<string, string>;
}

export interface CacheReport {
  key: string;
  /** True when the result was restored from the cache and the step did not run. */
  hit: boolean;
  /** Why it ran, for a miss. */
  miss: CacheMiss | null;
  /** The hash of its outputs and output files, for its dependents' keys; null for a step that did not succeed. */
  outputHash: string | null;
}

/** An attempt's result as an executor hands it back: the action's, and for a cached step what the cache did. */
export interface StepResult extends ActionResult {
  cache?: CacheReport;
}
