// Which of the project's workflows a subflow step runs: by `file` (relative to the project's folder, as the engine
// resolves it) or by `name`.
import type { WorkflowEntry } from '../../shared/ipc.js';
import type { WorkflowStep } from '../../shared/model.js';
import { subflowTarget } from '../../shared/subflow-transform.js';

const slashes = (path: string): string => path.replace(/\\/g, '/').replace(/\/+/g, '/');

/** The path of `file` relative to the project's folder, as a subflow step names it; null when it lies outside. */
export function projectRelative(file: string, projectPath: string): string | null {
  const root = `${slashes(projectPath).replace(/\/$/, '')}/`;
  const path = slashes(file);
  return path.startsWith(root) ? path.slice(root.length) : null;
}

export type SubflowChild = { entry: WorkflowEntry } | { missing: string };

/** The child's entry in the project's list, or what it names when no workflow there matches. */
export function findSubflowChild(step: WorkflowStep, entries: readonly WorkflowEntry[], projectPath: string): SubflowChild {
  const target = subflowTarget(step);
  if (target === null) return { missing: 'no file or name given' };
  if ('name' in target) {
    const entry = entries.find((candidate) => candidate.name === target.name);
    return entry !== undefined ? { entry } : { missing: target.name };
  }
  const wanted = slashes(target.file).replace(/^(\.\/)+/, '');
  const entry = entries.find((candidate) => projectRelative(candidate.file, projectPath) === wanted || slashes(candidate.file) === wanted);
  return entry !== undefined ? { entry } : { missing: target.file };
}
