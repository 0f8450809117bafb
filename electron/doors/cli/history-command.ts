// `codomyrmex history`: past runs, newest first, as a table or JSON.
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { NotFoundError } from '../../../shared/errors.js';
import { EXECUTION_STATUSES, SUCCESSFUL_STEP_STATUSES, type ExecutionStatus, type Project, type WorkflowExecution } from '../../../shared/model.js';
import { OrchestrationEngine } from '../../engine/orchestration-engine.js';
import type { RunStore } from '../../engine/store/run-store.js';
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
  const listed = engine.store.listExecutions({
    limit: values.limit === undefined ? 50 : parsePositiveInt(values.limit, '--limit'),
    ...(values.workflow !== undefined ? workflowFilter(values.workflow) : { parent: null }),
    ...(project !== null ? { projectId: project.id } : {}),
    ...(status !== undefined ? { status: status as ExecutionStatus } : {}),
  });
  const nested = withChildRuns(engine.store, listed);
  const runs = nested.map(({ run }) => run);
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
  const rows = nested.map(({ run, depth }) => [
    new Date(run.startTime).toISOString().replace('T', ' ').slice(0, 19),
    depth > 0 ? `${'  '.repeat(depth - 1)}└ ${run.workflowName}` : run.parent != null ? `${run.workflowName} (in ${run.parent.executionId.slice(0, 8)})` : run.workflowName,
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

/**
 * The runs in the order history shows them: each followed by its subflows' child runs (oldest first, at every level),
 * one level deeper. Without `--workflow` the list holds top-level runs only; with it, a matched child run whose parent
 * is not listed stands on its own line.
 */
function withChildRuns(store: RunStore, runs: WorkflowExecution[]): { run: WorkflowExecution; depth: number }[] {
  const shown = new Set<string>();
  const out: { run: WorkflowExecution; depth: number }[] = [];
  const add = (run: WorkflowExecution, depth: number): void => {
    if (shown.has(run.executionId)) return;
    shown.add(run.executionId);
    out.push({ run, depth });
    for (const child of store.listExecutions({ parent: run.executionId, limit: 1000 }).reverse()) add(child, depth + 1);
  };
  const listed = new Set(runs.map((run) => run.executionId));
  for (const run of runs) if (run.parent == null || !listed.has(run.parent.executionId)) add(run, 0);
  // Listed runs whose parent is listed too were placed under it above; any left (a parent beyond the page) stand alone.
  for (const run of runs) add(run, 0);
  return out;
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
