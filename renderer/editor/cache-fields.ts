// A step's and the workflow's `cache` as the inspector edits them (issue 18): one entry per line, checked by the file's
// own schema (shared/workflow-schema.ts) before anything is written, and set or removed as one edit.
import type { StepCache, Workflow, WorkflowStep } from '../../shared/model.js';
import { cacheSchema } from '../../shared/workflow-schema.js';

export type CacheList = keyof StepCache;

export const CACHE_LISTS: readonly CacheList[] = ['inputs', 'outputs', 'env'];

export const EMPTY_CACHE: StepCache = { inputs: [], outputs: [], env: [] };

const RULES: Record<CacheList, string> = {
  inputs: 'a glob relative to the step’s folder',
  outputs: 'a glob relative to the step’s folder',
  env: 'an environment variable name: letters, digits and _, not starting with a digit',
};

/** The entries of a list typed one per line: trimmed, blank lines left out. */
export const linesOf = (text: string): string[] => text.split('\n').map((line) => line.trim()).filter((line) => line !== '');

export interface ListCheck {
  values: string[];
  /** One line per entry the schema refuses, naming its line and the rule: nothing is written while there are any. */
  problems: string[];
}

/** Checks the text of one list as the workflow file's schema would, with a line number for each entry refused. */
export function checkCacheList(list: CacheList, text: string): ListCheck {
  const numbered = text.split('\n').map((line, index) => ({ value: line.trim(), line: index + 1 })).filter((entry) => entry.value !== '');
  const values = numbered.map((entry) => entry.value);
  const problems: string[] = [];
  const parsed = cacheSchema.safeParse({ ...EMPTY_CACHE, [list]: values });
  const refused = new Set<number>();
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const index = issue.path[1];
      if (typeof index !== 'number' || refused.has(index)) continue;
      refused.add(index);
      problems.push(`line ${numbered[index]!.line}: “${values[index]}” is not ${RULES[list]}`);
    }
  }
  // The schema takes a lone `!`, but it excludes nothing: almost certainly a glob not finished.
  if (list !== 'env') {
    numbered.forEach((entry, index) => {
      if (entry.value === '!' && !refused.has(index)) problems.push(`line ${entry.line}: “!” excludes nothing: write the glob to leave out after it`);
    });
  }
  return { values, problems };
}

/** `holder` (a step or the workflow) with its `cache` set, or removed (undefined); the same object when nothing changes. */
function withCache<T extends { cache?: StepCache | false }>(holder: T, cache: StepCache | false | undefined): T {
  if (cache === undefined) {
    if (holder.cache === undefined) return holder;
    const { cache: _removed, ...rest } = holder;
    return rest as T;
  }
  return sameCache(holder.cache, cache) ? holder : { ...holder, cache };
}

/**
 * The step with its own `cache` set, or removed: it then takes the workflow's default, if any; `false`: it always runs,
 * whatever the default.
 */
export const setStepCache = (step: WorkflowStep, cache: StepCache | false | undefined): WorkflowStep => withCache(step, cache);

/** The workflow with its default `cache` (for steps without their own) set, or removed. */
export const setWorkflowCache = (workflow: Workflow, cache: StepCache | undefined): Workflow => withCache(workflow, cache);

function sameCache(a: StepCache | false | undefined, b: StepCache | false): boolean {
  if (a === false || b === false) return a === b;
  return a !== undefined && CACHE_LISTS.every((list) => a[list].length === b[list].length && a[list].every((value, index) => value === b[list][index]));
}

/** How a step is cached: not at all, by the workflow's default, or by its own settings. */
export type CacheMode = 'off' | 'default' | 'own';

export const cacheModeOf = (step: WorkflowStep, shared: StepCache | undefined): CacheMode =>
  step.cache === false ? 'off' : step.cache !== undefined ? 'own' : shared !== undefined ? 'default' : 'off';

/**
 * The step's `cache` for a mode picked: its own settings (kept, else the default's or empty ones to start from), none
 * (the workflow's default), or off — which, with a default to opt out of, the file says as `cache: false`.
 */
export function cacheForMode(step: WorkflowStep, mode: CacheMode, shared: StepCache | undefined): StepCache | false | undefined {
  if (mode === 'own') return step.cache || (shared ?? EMPTY_CACHE);
  if (mode === 'off' && shared !== undefined) return false;
  return undefined;
}
