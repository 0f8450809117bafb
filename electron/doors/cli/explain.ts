// `codomyrmex run --explain`: for each step with a cache, restored or why it ran (what differed from its last entry).
import type { WorkflowExecution } from '../../../shared/model.js';

export function explainRun(execution: WorkflowExecution): string {
  const lines: string[] = [];
  for (const [name, run] of Object.entries(execution.steps)) {
    if (run.status === 'cached') {
      lines.push(`${name}: cached (key ${run.cacheKey?.slice(0, 12) ?? '?'})`);
    } else if (run.cacheMiss != null) {
      const ran = run.status === 'succeeded' || run.status === 'failed' ? 'ran' : run.status;
      lines.push(`${name}: ${ran} — ${run.cacheMiss.summary}`);
      for (const change of run.cacheMiss.changes) lines.push(`    ${change.kind === 'params' ? 'parameters' : change.kind === 'cwd' ? 'working directory' : `${change.kind} ${change.name}`}: ${change.detail}`);
      if (run.cacheMiss.more != null && run.cacheMiss.more > 0) lines.push(`    … and ${run.cacheMiss.more.toLocaleString('en-US')} more`);
    }
  }
  if (lines.length === 0) return 'explain: no step of this run has a cache\n';
  return `explain (the step cache):\n${lines.map((line) => `  ${line}`).join('\n')}\n`;
}
