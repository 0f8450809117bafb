// The names users give steps, workflows, projects and sessions: one length limit and character rule for each, used by
// the contract's schemas, the workflow schema and the engine, so the CLI, the editor, browser mode and MCP agree. A
// workflow's own rule is in workflow-name.ts (the editor's name dialog says it as the user types); it is used here.
// Kept free of zod so the renderer's first chunk can check a name without loading it.
import { OrchestrationError } from './errors.js';
import { WORKFLOW_NAME_MAX, workflowNameProblem } from './workflow-name.js';

/** Step names appear in `${{ steps.<name> }}`, in logs and on the canvas. */
export const STEP_NAME_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/;

/** The most characters each kind of name may have (README "Names"). */
export const NAME_MAX_LENGTH = { step: 64, workflow: WORKFLOW_NAME_MAX, project: 100, session: 100 } as const;

export type NameKind = keyof typeof NAME_MAX_LENGTH;

/**
 * Project names become folder names: no separators, no "..", nothing a file system refuses or hides (a leading ".";
 * a trailing "." or space, which Windows drops) — as workflow-name.ts says for workflow names.
 */
const UNSAFE_FILE_NAME = /[/\\:*?"<>|\p{Cc}]|^\.|\.\.|[. ]$/u;
const CONTROL = /\p{Cc}/u;

/**
 * A key that JavaScript objects treat as special: a step, param, resource or env entry by this name would set an
 * object's prototype instead of holding a value, so it is refused. Other built-in names (`constructor`, `toString`)
 * are plain names: every lookup by name uses own properties only.
 */
export const RESERVED_KEY = '__proto__';

/** Why `name` cannot be a name of this kind, as the end of a sentence about it ("is 300 characters long; …"); null when it can. */
export function nameProblem(kind: NameKind, name: string): string | null {
  const max = NAME_MAX_LENGTH[kind];
  if (name.length === 0) return 'must not be empty';
  if (name.length > max) return `is ${name.length} characters long; a ${kind} name has at most ${max}`;
  if (name === RESERVED_KEY) return 'is reserved (JavaScript objects treat it as their prototype); choose another name';
  switch (kind) {
    case 'step':
      return STEP_NAME_PATTERN.test(name) ? null : 'must be letters, digits, "_" or "-", not starting with "-" (it is used in ${{ steps.<name> }})';
    case 'workflow': {
      const problem = workflowNameProblem(name);
      return problem === null ? null : `cannot be a file name: ${problem}`;
    }
    case 'project':
      return UNSAFE_FILE_NAME.test(name)
        ? `cannot be a file name: use no "/", "\\", "..", control characters or any of :*?"<>|, and do not start with "." or end with "." or a space`
        : null;
    case 'session':
      return CONTROL.test(name) ? 'must not hold control characters (tabs, line breaks)' : null;
  }
}

/** A short, readable description of a name for messages: long names are cut, so a message stays one line. */
export function shownName(name: string): string {
  return name.length > 40 ? `"${name.slice(0, 32)}…" (${name.length} characters)` : `"${name}"`;
}

/** Throws, naming the rule, when `name` cannot be a name of this kind: for doors that reach the engine without a schema. */
export function assertName(kind: NameKind, name: string): void {
  const problem = nameProblem(kind, name);
  if (problem !== null) throw new OrchestrationError(`the ${kind} name ${shownName(name)} ${problem}`);
}
