// Step names the editor makes up: `shell-run`, `shell-run-2`, … — unique in the workflow and valid in `${{ steps.<name> }}`.
import { STEP_NAME_PATTERN } from '../../shared/step-name.js';

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

export function isValidStepName(name: string): boolean {
  return STEP_NAME_PATTERN.test(name);
}
