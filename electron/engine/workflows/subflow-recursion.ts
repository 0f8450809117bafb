// Refuses a workflow whose `workflow.run` steps lead back to a workflow already on the way (A runs B runs A), naming
// the chain. References the check cannot follow statically (templated, missing, unreadable) are left to the run, whose
// nesting depth is bounded.
import { basename } from 'node:path';
import type { Problem } from '../../../shared/errors.js';
import type { Workflow } from '../../../shared/model.js';
import { staticSubflow, staticSubflowRef, type KnownWorkflows, type SubflowRef, type SubflowTarget } from './subflow-target.js';

interface Node {
  id: string;
  label: string;
  workflow: Workflow;
}

/**
 * Problems for each step of `workflow` whose subflows recurse. `cwd` is where the run would work (a child's `file`
 * resolves against it at every level); null when unknown, and then only references by name are followed.
 */
export function subflowRecursion(workflow: Workflow, file: string | null, cwd: string | null, known: KnownWorkflows): Problem[] {
  const problems: Problem[] = [];
  const root = nodeOf({ workflow, file });
  const targets = new Map<string, SubflowTarget | null>();
  // The workflow checked is the one its name stands for once it is saved or defined, not an older one the engine holds.
  const knownNow: KnownWorkflows = (name) => (name === workflow.name ? { workflow, file } : known(name));
  /** Workflows whose every subflow was followed without meeting a cycle. */
  const clear = new Set<string>();
  const resolveRef = (ref: SubflowRef): SubflowTarget | null => {
    const key = ref.file !== undefined ? `file:${ref.file}` : `name:${ref.name}`;
    if (!targets.has(key)) targets.set(key, staticSubflow(ref, cwd, knownNow));
    return targets.get(key)!;
  };
  /** The first cycle below `path`'s last node, as the nodes from the root to the repeated one; null when none. */
  const cycleBelow = (path: Node[]): Node[] | null => {
    const current = path[path.length - 1]!;
    if (clear.has(current.id)) return null;
    for (const step of current.workflow.steps) {
      const ref = staticSubflowRef(step);
      const target = ref === null ? null : resolveRef(ref);
      if (target === null) continue;
      const next = nodeOf(target);
      if (path.some((node) => node.id === next.id)) return [...path, next];
      const found = cycleBelow([...path, next]);
      if (found !== null) return found;
    }
    clear.add(current.id);
    return null;
  };
  for (const step of workflow.steps) {
    const ref = staticSubflowRef(step);
    const target = ref === null ? null : resolveRef(ref);
    if (target === null) continue;
    const first = nodeOf(target);
    const chain = first.id === root.id ? [root, first] : cycleBelow([root, first]);
    if (chain === null) continue;
    const field = ref!.file !== undefined ? 'parameters.file' : 'parameters.name';
    problems.push({
      ...(file !== null ? { file } : {}),
      step: step.name,
      field,
      message: `recursion: ${chain.map((node) => node.label).join(' → ')} (step "${step.name}" runs ${first.label})`,
    });
  }
  return problems;
}

/** A workflow on the chain: known by its file, or by its name when it has none; shown by its file's name. */
function nodeOf({ workflow, file }: SubflowTarget): Node {
  return file !== null ? { id: `file:${file}`, label: basename(file), workflow } : { id: `name:${workflow.name}`, label: workflow.name, workflow };
}
