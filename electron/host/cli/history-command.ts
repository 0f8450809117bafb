// `codomyrmex history`: past runs, newest first, as a table or JSON.
import { EXECUTION_STATUSES, type ExecutionStatus } from '../../../shared/model.js';
import { OrchestrationEngine } from '../../engine/orchestration-engine.js';
import { EXIT, UsageError, type CliValues } from './main.js';
import { cliRecord, parsePositiveInt } from './run-command.js';
import { formatDuration } from './progress.js';

export async function historyCommand(values: CliValues): Promise<number> {
  const status = values.status;
  if (status !== undefined && !EXECUTION_STATUSES.includes(status as ExecutionStatus)) {
    throw new UsageError(`--status takes one of ${EXECUTION_STATUSES.join(', ')}, got "${status}"`);
  }
  const engine = new OrchestrationEngine();
  const runs = engine.store.listExecutions({
    limit: values.limit === undefined ? 50 : parsePositiveInt(values.limit, '--limit'),
    ...(values.workflow !== undefined ? { workflowName: values.workflow } : {}),
    ...(status !== undefined ? { status: status as ExecutionStatus } : {}),
  });
  await engine.close();
  if (values.json) {
    process.stdout.write(`${JSON.stringify(runs.map(cliRecord))}\n`);
    return EXIT.ok;
  }
  if (runs.length === 0) {
    process.stdout.write('No runs yet.\n');
    return EXIT.ok;
  }
  const rows = runs.map((run) => [
    new Date(run.startTime).toISOString().replace('T', ' ').slice(0, 19),
    run.workflowName,
    run.status,
    run.endTime === null ? '—' : formatDuration(run.endTime - run.startTime),
    `${Object.values(run.steps).filter((s) => s.status === 'succeeded').length}/${Object.keys(run.steps).length}`,
    run.origin,
    run.executionId.slice(0, 8),
  ]);
  const header = ['STARTED', 'WORKFLOW', 'STATUS', 'DURATION', 'STEPS OK', 'FROM', 'ID'];
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  for (const row of [header, ...rows]) process.stdout.write(`${row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()}\n`);
  return EXIT.ok;
}
