// `codomyrmex history`: past runs, newest first, as a table or JSON.
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { NotFoundError } from '../../../shared/errors.js';
import { EXECUTION_STATUSES, SUCCESSFUL_STEP_STATUSES, type ExecutionStatus, type Project, type WorkflowExecution } from '../../../shared/model.js';
import { OrchestrationEngine } from '../../engine/orchestration-engine.js';
import { isWorkflowFile } from '../../engine/workflows/find-workflows.js';
import { EXIT, UsageError, type CliValues } from './command-line.js';
import { cliRecord, parsePositiveInt } from './run-command.js';
import { formatDuration } from './progress.js';

export async function historyCommand(values: CliValues): Promise<number> {
  const status = values.status;
  if (status !== undefined && !EXECUTION_STATUSES.includes(status as ExecutionStatus)) {
    throw new UsageError(`--status takes one of ${EXECUTION_STATUSES.join(', ')}, got "${status}"`);
  }
  const engine = new OrchestrationEngine();
  let project: Project | null = null;
  if (values.project !== undefined) {
    try {
      project = engine.projectManager.resolveProject(values.project);
    } catch (error) {
      await engine.close();
      // Exit 2 either way; a script reading --json learns that the project does not exist, by its code.
      if (error instanceof NotFoundError) throw new NotFoundError(error.what, `--project: ${error.message}`);
      throw new UsageError(`--project: ${(error as Error).message}`);
    }
  }
  const runs = engine.store.listExecutions({
    limit: values.limit === undefined ? 50 : parsePositiveInt(values.limit, '--limit'),
    ...(values.workflow !== undefined ? workflowFilter(values.workflow) : {}),
    ...(project !== null ? { projectId: project.id } : {}),
    ...(status !== undefined ? { status: status as ExecutionStatus } : {}),
  });
  const projects = new Map(engine.projectManager.listProjects().map((known) => [known.id, known]));
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
    projects.get(run.projectId ?? '')?.name ?? '—',
    fileOf(run, projects.get(run.projectId ?? '')),
    run.damaged != null ? `${run.status} (damaged)` : run.status,
    run.endTime === null ? '—' : formatDuration(run.endTime - run.startTime),
    `${Object.values(run.steps).filter((s) => SUCCESSFUL_STEP_STATUSES.has(s.status)).length}/${Object.keys(run.steps).length}`,
    run.origin,
    run.executionId.slice(0, 8),
  ]);
  const header = ['STARTED', 'WORKFLOW', 'PROJECT', 'FILE', 'STATUS', 'DURATION', 'STEPS OK', 'FROM', 'ID'];
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  for (const row of [header, ...rows]) process.stdout.write(`${row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()}\n`);
  return EXIT.ok;
}

/** `--workflow` takes a workflow's name, or its file (a path with a folder in it, or ending in .yaml/.yml/.json). */
function workflowFilter(value: string): { workflowName: string } | { workflowFile: string } {
  const looksLikeFile = isWorkflowFile(value) || value.includes(sep) || value.includes('/');
  return looksLikeFile ? { workflowFile: resolve(value) } : { workflowName: value };
}

/** The file relative to its project's folder, else as recorded; a run without a file (an API run) shows —. */
function fileOf(run: WorkflowExecution, project: Project | undefined): string {
  if (run.workflowFile === null) return '—';
  if (project === undefined) return run.workflowFile;
  const inside = relative(project.path, run.workflowFile);
  return inside.startsWith('..') || isAbsolute(inside) ? run.workflowFile : inside;
}
