// A run's performance metrics from what each step cost: totals and the critical path through the workflow's DAG.
import { topologicalOrder, type GraphNode } from './graph.js';
import type { PerformanceMetrics, StepPerformance } from './model.js';

/**
 * The longest chain of dependent steps by weight (a step's run time): for each step, dependencies first, the heaviest
 * chain ending there. Ties keep the earlier step.
 */
export function criticalPath(nodes: readonly GraphNode[], weight: (name: string) => number, order?: readonly string[]): { steps: string[]; runTimeMs: number } {
  const index = new Map<string, number>();
  nodes.forEach((node, i) => index.set(node.name, i));
  // Typed arrays and indices, not a map of objects: a 10,000-step run's metrics are computed as it ends.
  const total = new Float64Array(nodes.length);
  const via = new Int32Array(nodes.length).fill(-1);
  // A run knows an order already (steps end after their dependencies): sorting 10,000 steps again cost more than the
  // rest of the metrics. A workflow that ran has no cycle; were one there, the steps' own order still gives an answer.
  const sorted = order ?? topologicalOrder(nodes) ?? nodes.map((node) => node.name);
  let end = -1;
  for (const name of sorted) {
    const i = index.get(name)!;
    let before = 0;
    for (const dep of nodes[i]!.dependencies) {
      const d = index.get(dep);
      if (d !== undefined && (via[i] === -1 || total[d]! > before)) {
        via[i] = d;
        before = total[d]!;
      }
    }
    total[i] = before + weight(name);
    if (end === -1 || total[i]! > total[end]!) end = i;
  }
  const steps: string[] = [];
  for (let at = end; at !== -1; at = via[at]!) steps.push(nodes[at]!.name);
  steps.reverse();
  return { steps, runTimeMs: end === -1 ? 0 : total[end]! };
}

/** The run's metrics from each step's figures (`steps[i]` is `nodes[i]`'s, `ran[i]` whether it ran in this run). */
export function performanceMetrics(
  nodes: readonly GraphNode[],
  steps: readonly StepPerformance[],
  ran: readonly boolean[],
  wallTimeMs: number,
  sampleIntervalMs: number | null,
  /** Every step, each after its dependencies, when the caller knows such an order. */
  order?: readonly string[],
): PerformanceMetrics {
  const out: Record<string, StepPerformance> = {};
  const runTime = new Map<string, number>();
  let queueWaitMs = 0;
  let runTimeMs = 0;
  let cpuTimeMs: number | null = null;
  let peakMemoryMB: number | null = null;
  let stepsRun = 0;
  nodes.forEach((node, i) => {
    const step = steps[i]!;
    out[node.name] = step;
    runTime.set(node.name, step.runTimeMs);
    if (!ran[i]) return;
    stepsRun++;
    queueWaitMs += step.queueWaitMs;
    runTimeMs += step.runTimeMs;
    if (step.cpuTimeMs !== null) cpuTimeMs = (cpuTimeMs ?? 0) + step.cpuTimeMs;
    if (step.peakMemoryMB !== null) peakMemoryMB = Math.max(peakMemoryMB ?? 0, step.peakMemoryMB);
  });
  return {
    steps: out,
    totals: { wallTimeMs, queueWaitMs, runTimeMs, cpuTimeMs, peakMemoryMB, stepsRun },
    criticalPath: criticalPath(nodes, (name) => runTime.get(name) ?? 0, order),
    sampleIntervalMs,
  };
}
