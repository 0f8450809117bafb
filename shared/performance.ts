// A run's performance metrics from what each step cost: totals and the critical path through the workflow's DAG.
import { topologicalOrder, type GraphNode } from './graph.js';
import type { PerformanceMetrics, StepPerformance } from './model.js';

/**
 * The longest chain of dependent steps by weight (a step's run time): for each step, dependencies first, the heaviest
 * chain ending there. Ties keep the earlier step.
 */
export function criticalPath(nodes: readonly GraphNode[], weight: (name: string) => number): { steps: string[]; runTimeMs: number } {
  const best = new Map<string, { total: number; via: string | null }>();
  let end: string | null = null;
  const byName = new Map(nodes.map((node) => [node.name, node]));
  // A workflow that ran has no cycle; were one there, the steps' own order still gives an answer.
  const order = topologicalOrder(nodes) ?? nodes.map((node) => node.name);
  for (const node of order.map((name) => byName.get(name)!)) {
    let via: string | null = null;
    let before = 0;
    for (const dep of node.dependencies) {
      const chain = best.get(dep);
      if (chain !== undefined && (via === null || chain.total > before)) {
        via = dep;
        before = chain.total;
      }
    }
    const total = before + weight(node.name);
    best.set(node.name, { total, via });
    if (end === null || total > best.get(end)!.total) end = node.name;
  }
  const steps: string[] = [];
  for (let at = end; at !== null; at = best.get(at)!.via) steps.push(at);
  steps.reverse();
  return { steps, runTimeMs: end === null ? 0 : best.get(end)!.total };
}

/** The run's metrics from each step's figures; `steps` keeps the workflow's order. */
export function performanceMetrics(
  nodes: readonly GraphNode[],
  steps: Record<string, StepPerformance & { ran: boolean }>,
  wallTimeMs: number,
  sampleIntervalMs: number | null,
): PerformanceMetrics {
  const out: Record<string, StepPerformance> = {};
  let queueWaitMs = 0;
  let runTimeMs = 0;
  let cpuTimeMs: number | null = null;
  let peakMemoryMB: number | null = null;
  let stepsRun = 0;
  for (const node of nodes) {
    const { ran, ...step } = steps[node.name] ?? { ran: false, queueWaitMs: 0, runTimeMs: 0, cpuTimeMs: null, peakMemoryMB: null, attempts: 0 };
    out[node.name] = step;
    if (!ran) continue;
    stepsRun++;
    queueWaitMs += step.queueWaitMs;
    runTimeMs += step.runTimeMs;
    if (step.cpuTimeMs !== null) cpuTimeMs = (cpuTimeMs ?? 0) + step.cpuTimeMs;
    if (step.peakMemoryMB !== null) peakMemoryMB = Math.max(peakMemoryMB ?? 0, step.peakMemoryMB);
  }
  return {
    steps: out,
    totals: { wallTimeMs, queueWaitMs, runTimeMs, cpuTimeMs, peakMemoryMB, stepsRun },
    criticalPath: criticalPath(nodes, (name) => out[name]?.runTimeMs ?? 0),
    sampleIntervalMs,
  };
}
