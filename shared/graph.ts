// Pure graph algorithms over workflow steps: cycles, topological order, ancestry.

export interface GraphNode {
  name: string;
  dependencies: readonly string[];
}

/**
 * Finds dependency cycles. Each cycle is listed once, as the steps along it in dependency order
 * with the first repeated at the end (`a → b → a`). Unknown dependencies are ignored here.
 */
export function findCycles(nodes: readonly GraphNode[]): string[][] {
  const byName = new Map(nodes.map((node) => [node.name, node]));
  const state = new Map<string, 'visiting' | 'done'>();
  const cycles: string[][] = [];
  const seen = new Set<string>();

  for (const root of nodes) {
    if (state.has(root.name)) continue;
    // Iterative DFS: a 10,000-step chain must not overflow the call stack.
    const stack: { name: string; next: number }[] = [{ name: root.name, next: 0 }];
    const path: string[] = [root.name];
    state.set(root.name, 'visiting');
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const deps = byName.get(frame.name)?.dependencies ?? [];
      if (frame.next >= deps.length) {
        state.set(frame.name, 'done');
        stack.pop();
        path.pop();
        continue;
      }
      const dep = deps[frame.next++]!;
      if (!byName.has(dep)) continue;
      const depState = state.get(dep);
      if (depState === 'visiting') {
        const cycle = path.slice(path.indexOf(dep));
        const key = [...cycle].sort().join('\0');
        if (!seen.has(key)) {
          seen.add(key);
          // path runs from dependent to dependency; reverse so the cycle reads in run order.
          const ordered = [...cycle].reverse();
          cycles.push([...ordered, ordered[0]!]);
        }
      } else if (depState === undefined) {
        state.set(dep, 'visiting');
        stack.push({ name: dep, next: 0 });
        path.push(dep);
      }
    }
  }
  return cycles;
}

/** Kahn's algorithm; returns names in an order where every step follows its dependencies, or null on a cycle. */
export function topologicalOrder(nodes: readonly GraphNode[]): string[] | null {
  const indegree = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const node of nodes) {
    indegree.set(node.name, 0);
    dependents.set(node.name, []);
  }
  for (const node of nodes) {
    for (const dep of node.dependencies) {
      if (!indegree.has(dep)) continue;
      indegree.set(node.name, indegree.get(node.name)! + 1);
      dependents.get(dep)!.push(node.name);
    }
  }
  const queue = nodes.filter((node) => indegree.get(node.name) === 0).map((node) => node.name);
  for (let i = 0; i < queue.length; i++) {
    for (const next of dependents.get(queue[i]!)!) {
      const remaining = indegree.get(next)! - 1;
      indegree.set(next, remaining);
      if (remaining === 0) queue.push(next);
    }
  }
  return queue.length === nodes.length ? queue : null;
}

/** Every step that `name` depends on, directly or not. Assumes no cycle. Pass `byName` when asking for many steps. */
export function ancestorsOf(nodes: readonly GraphNode[], name: string, byName: ReadonlyMap<string, GraphNode> = new Map(nodes.map((node) => [node.name, node]))): Set<string> {
  const ancestors = new Set<string>();
  const stack = [...(byName.get(name)?.dependencies ?? [])];
  while (stack.length > 0) {
    const dep = stack.pop()!;
    if (ancestors.has(dep) || !byName.has(dep)) continue;
    ancestors.add(dep);
    stack.push(...byName.get(dep)!.dependencies);
  }
  return ancestors;
}

/** Each step's direct dependents, by the name of the step they depend on. */
export function dependentsOf(nodes: readonly GraphNode[]): Map<string, string[]> {
  const dependents = new Map<string, string[]>();
  for (const node of nodes) {
    for (const dep of node.dependencies) {
      const list = dependents.get(dep);
      if (list === undefined) dependents.set(dep, [node.name]);
      else list.push(node.name);
    }
  }
  return dependents;
}
