// `codomyrmex run FILE`: runs a workflow with live progress, Ctrl-C cancelling it, and the record as JSON on request.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { StepSelection, WorkflowExecution } from '../../../shared/model.js';
import { describeSelection } from '../../../shared/step-selection.js';
import { OrchestrationEngine } from '../../engine/orchestration-engine.js';
import { closeProcessHosts } from '../../engine/processes/process-host-pool.js';
import type { ExecutionHandle } from '../../engine/runs/task-orchestrator.js';
import { EXIT, UsageError, type CliValues } from './command-line.js';
import { explainRun } from './explain.js';
import { startProgress } from './progress.js';
import { requireRedisUrl } from './redis-option.js';
import { onStopSignal, STOP_SIGNALS, type StopSignal } from './stop-signals.js';

export async function runCommand(file: string, values: CliValues): Promise<number> {
  const params = parseParams(values.param ?? []);
  const concurrency = values.concurrency === undefined ? undefined : parsePositiveInt(values.concurrency, '--concurrency');
  const cwd = values.cwd === undefined ? undefined : existingDir(values.cwd);
  const redis = values.redis === undefined ? undefined : requireRedisUrl(values.redis, 'run');
  const selection = parseSelection(values);
  const cache = parseCacheOptions(values);
  const engine = new OrchestrationEngine();
  if (redis !== undefined) await connectQueue(engine, redis);
  let handle: ExecutionHandle;
  try {
    handle = engine.runWorkflowFile(file, { params, origin: 'cli', ...(concurrency !== undefined ? { concurrency } : {}), ...(cwd !== undefined ? { cwd } : {}), ...(selection !== undefined ? { selection } : {}), ...cache });
  } catch (error) {
    // Refused before anything ran (an unknown step, inputs no earlier run has): the database is closed cleanly.
    await engine.close();
    throw error;
  }
  return followRun(engine, handle, values);
}

/** Live progress (or the record as JSON) until the run ends, Ctrl-C cancelling it; the exit code says how it ended. */
export async function followRun(engine: OrchestrationEngine, handle: ExecutionHandle, values: CliValues): Promise<number> {
  const out = values.json ? process.stderr : process.stdout;
  if (handle.execution.selection != null) out.write(`${selectionLine(engine, handle.execution)}\n`);
  const progress = startProgress(engine, handle.execution, out);
  // Old runs go by the retention setting once a day, after this run's first steps started (or as it ends).
  engine.retention.scheduleIfDue();
  let interrupted: StopSignal | undefined;
  const stopListening = onStopSignal((signal) => {
    interrupted = signal;
    progress.note(`interrupted (${signal}): stopping running steps (Ctrl-C again to leave now)`);
    engine.cancelExecution(handle.executionId);
  });
  const execution = await handle.done;
  // No step starts from here on: the hosts exit while the record is written (main.ts waits for them before leaving).
  void closeProcessHosts();
  progress.stop(execution);
  if (values.explain) out.write(explainRun(execution));
  await engine.close();
  if (values.json) process.stdout.write(`${JSON.stringify(cliRecord(execution))}\n`);
  stopListening();
  if (interrupted !== undefined) return STOP_SIGNALS[interrupted];
  return execution.status === 'completed' ? EXIT.ok : EXIT.failed;
}

/** The record `--json` prints: the documented shape, one object. */
export function cliRecord(execution: WorkflowExecution) {
  return {
    executionId: execution.executionId,
    workflowName: execution.workflowName,
    workflowFile: execution.workflowFile,
    projectId: execution.projectId,
    status: execution.status,
    origin: execution.origin,
    startTime: execution.startTime,
    endTime: execution.endTime,
    errors: execution.errors,
    rerunOf: execution.rerunOf ?? null,
    parent: execution.parent ?? null,
    ...(execution.selection != null ? { selection: execution.selection } : {}),
    ...(execution.outcome != null ? { outcome: execution.outcome } : {}),
    ...(execution.damaged != null ? { damaged: execution.damaged } : {}),
    results: Object.fromEntries(Object.entries(execution.steps).map(([name, run]) => [name, run.outputs])),
    performanceMetrics: execution.performanceMetrics ?? null,
    steps: Object.fromEntries(
      Object.entries(execution.steps).map(([name, run]) => [
        name,
        {
          status: run.status, attempts: run.attempts, exitCode: run.exitCode, startTime: run.startTime, endTime: run.endTime, outputs: run.outputs, error: run.error,
          ...(run.reusedFrom != null ? { reusedFrom: run.reusedFrom } : {}),
          ...(run.worker != null ? { worker: run.worker } : {}),
          ...(run.cacheKey != null ? { cacheKey: run.cacheKey } : {}),
          ...(run.cacheMiss != null ? { cacheMiss: run.cacheMiss } : {}),
          ...(run.child != null ? { child: run.child } : {}),
        },
      ]),
    ),
  };
}

/** `--no-cache` and `--force STEP…` (repeatable, or a,b,c): how the run uses the step cache. */
function parseCacheOptions(values: CliValues): { noCache?: true; force?: string[] } {
  const force = (values.force ?? []).flatMap((text) => text.split(',')).map((text) => text.trim()).filter((text) => text !== '');
  if (values.force !== undefined && force.length === 0) throw new UsageError('--force takes a step name');
  if (values['no-cache'] && force.length > 0) throw new UsageError('--no-cache already runs every step without the cache: --force adds nothing to it');
  return { ...(values['no-cache'] ? { noCache: true as const } : {}), ...(force.length > 0 ? { force } : {}) };
}

/** `--redis`: this run's steps go to workers; a Redis that cannot be reached is refused before anything runs. */
async function connectQueue(engine: OrchestrationEngine, url: string): Promise<void> {
  try {
    await engine.queue.configure(url);
  } catch (error) {
    await engine.close();
    throw new UsageError(`--redis: ${(error as Error).message}`);
  }
}

/** `--only a b`, `--only a --only b`, `--from a` or `--to a`: one of them, each naming steps. */
function parseSelection(values: CliValues): StepSelection | undefined {
  const given = (['only', 'from', 'to'] as const).filter((mode) => values[mode] !== undefined);
  if (given.length > 1) throw new UsageError(`--only, --from and --to choose different parts of the workflow: give one of them, got ${given.map((mode) => `--${mode}`).join(' and ')}`);
  const mode = given[0];
  if (mode === undefined) return undefined;
  const value = values[mode]!;
  const steps = (Array.isArray(value) ? value : [value]).flatMap((text) => text.split(',')).map((text) => text.trim()).filter((text) => text !== '');
  if (steps.length === 0) throw new UsageError(`--${mode} takes a step name`);
  return { mode, steps };
}

/** Which part runs and which earlier run the rest comes from, said before the first step starts. */
function selectionLine(engine: OrchestrationEngine, execution: WorkflowExecution): string {
  const selection = execution.selection!;
  const read = Object.entries(execution.steps).filter(([, run]) => run.status === 'not-selected' && run.reusedFrom != null).map(([name]) => name);
  const source = selection.sourceExecutionId === null ? null : engine.getExecution(selection.sourceExecutionId);
  const ended = source?.endTime != null ? new Date(source.endTime).toISOString() : null;
  return describeSelection(selection, Object.keys(execution.steps).length, read, ended);
}

function existingDir(dir: string): string {
  const path = resolve(dir);
  if (!statSync(path, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`--cwd takes an existing folder, got "${dir}" (${path} is not one)`);
  return path;
}

function parseParams(pairs: string[]): Record<string, string> {
  const params: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--param takes key=value, got "${pair}"`);
    params[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return params;
}

export function parsePositiveInt(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`${flag} takes a whole number of at least 1, got "${text}"`);
  return value;
}
