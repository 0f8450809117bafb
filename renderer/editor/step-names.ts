// Step names the editor makes up: `shell-run`, `shell-run-2`, … — unique in the workflow and valid in `${{ steps.<name> }}`.
import { nameProblem, shownName } from '../../shared/names.js';

/** The name a new step of this action starts from: module and action, made safe for templates. */
export function baseNameFor(module: string, action: string): string {
  const base = `${module}-${action}`.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+/, '');
  return base === '' ? 'step' : base;
}

/** `base` if free, else the first free `base-2`, `base-3`, …; a trailing `-N` of base is counted from, not stacked. */
export function uniqueName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  const stem = base.replace(/-\d+$/, '');
  for (let n = 2; ; n++) {
    const candidate = `${stem}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Why `name` cannot be a step's name (the rule every door holds it to), or null. */
export function stepNameProblem(name: string): string | null {
  const problem = nameProblem('step', name);
  return problem === null ? null : `${shownName(name)} is not a usable step name: it ${problem}`;
}
