// `codomyrmex prune [--older-than AGE] [--dry-run] [--json]`: removes finished runs' records and log files.
import { OrchestrationEngine } from '../../engine/orchestration-engine.js';
import { parseAge, type PruneResult } from '../../engine/store/retention.js';
import { EXIT, UsageError, type CliValues } from './command-line.js';

export async function pruneCommand(values: CliValues): Promise<number> {
  let ageMs: number | null = null;
  if (values['older-than'] !== undefined) {
    try {
      ageMs = parseAge(values['older-than']);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  const dryRun = values['dry-run'] === true;
  const engine = new OrchestrationEngine();
  let result: PruneResult;
  try {
    // Without --older-than, what the retention setting keeps (age and logs' total size).
    result = ageMs === null ? engine.retention.bySettings(dryRun) : engine.retention.olderThan(ageMs, dryRun);
  } finally {
    await engine.close();
  }
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ dryRun, olderThan: values['older-than'] ?? null, ...result })}\n`);
    return EXIT.ok;
  }
  if (result.runs.length === 0) {
    process.stdout.write(`No finished runs to ${dryRun ? 'remove' : 'prune'}.\n`);
    return EXIT.ok;
  }
  process.stdout.write(`${dryRun ? 'Would remove' : 'Removed'} ${result.runs.length} run(s):\n`);
  const widths = [8, Math.max(8, ...result.runs.map((run) => run.workflowName.length))];
  for (const run of result.runs) {
    const started = new Date(run.startTime).toISOString().replace('T', ' ').slice(0, 19);
    process.stdout.write(`  ${run.executionId}  ${run.workflowName.padEnd(widths[1]!)}  ${run.status.padEnd(11)}  ${started}\n`);
  }
  if (!dryRun) process.stdout.write(`and ${result.removedLogFiles} log file(s), ${formatBytes(result.removedLogBytes)}.\n`);
  else process.stdout.write('Nothing was removed (--dry-run).\n');
  return EXIT.ok;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
