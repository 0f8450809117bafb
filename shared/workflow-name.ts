// What a workflow name may be: it becomes `<name>.yaml`, so nothing a file system refuses or hides. The engine refuses
// such a save and the editor's name dialog says the same thing as the user types (one rule, no zod, for the first chunk).
export const WORKFLOW_NAME_MAX = 200;

const FORBIDDEN = /[/\\:*?"<>|]/u;
const CONTROL = /\p{Cc}/u;

/** Why `name` cannot be a workflow's name, in one plain sentence; null when it can. */
export function workflowNameProblem(name: string): string | null {
  if (name === '') return 'Give the workflow a name.';
  if (name.length > WORKFLOW_NAME_MAX) return `A workflow name has at most ${WORKFLOW_NAME_MAX} characters (this one has ${name.length}).`;
  const forbidden = FORBIDDEN.exec(name);
  if (forbidden !== null) return `"${forbidden[0]}" cannot be in a workflow name (it becomes a file name): use letters, digits, "-", "_" or ".".`;
  if (CONTROL.test(name)) return 'A workflow name cannot hold control characters (it becomes a file name).';
  if (name.startsWith('.')) return 'A workflow name cannot start with "." (the file would be hidden).';
  if (name.includes('..')) return 'A workflow name cannot contain "..".';
  if (name.endsWith('.') || name.endsWith(' ')) return 'A workflow name cannot end with "." or a space.';
  if (name.trim() !== name) return 'A workflow name cannot start with a space.';
  return null;
}
