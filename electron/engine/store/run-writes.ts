// The run store's write statements and the records' fields as their parameters: every write is an upsert, so a batch
// can be written again in full (after a failed commit, or into a fresh database that replaced a garbled one).
import type { StepRun, WorkflowExecution } from '../../../shared/model.js';
import type { Statement } from 'better-sqlite3';
import type { Db } from './database.js';

export interface Owner {
  pid: number;
  host: string;
  start: string | null;
}

export interface RunWrites {
  insertExecution: Statement;
  updateExecution: Statement;
  insertStep: Statement;
  updateStep: Statement;
}

export function prepareWrites(db: Db): RunWrites {
  return {
    insertExecution: db.prepare(`INSERT INTO executions (execution_id, workflow_name, workflow_file, session_id, project_id, status, origin, start_time, end_time, params, errors, owner_pid, owner_host, owner_start, workflow, rerun_of, partial, outcome, performance, selection, parent_execution_id, parent_step)
      VALUES (@executionId, @workflowName, @workflowFile, @sessionId, @projectId, @status, @origin, @startTime, @endTime, @params, @errors, @ownerPid, @ownerHost, @ownerStart, @workflow, @rerunOf, @partial, @outcome, @performance, @selection, @parentExecutionId, @parentStep)
      ON CONFLICT (execution_id) DO UPDATE SET status = excluded.status, end_time = excluded.end_time, errors = excluded.errors,
        owner_pid = excluded.owner_pid, owner_host = excluded.owner_host, owner_start = excluded.owner_start, outcome = excluded.outcome,
        performance = excluded.performance`),
    updateExecution: db.prepare('UPDATE executions SET status = @status, end_time = @endTime, errors = @errors, outcome = @outcome, performance = @performance WHERE execution_id = @executionId'),
    // Positional as updateStep: stepValues' columns, then the key, the position and where a kept step came from.
    insertStep: db.prepare(`INSERT INTO step_runs (status, attempts, start_time, end_time, exit_code, error, outputs, reason, log_path, log_tail, worker, cache_key, cache_miss, child,
        output_hash, execution_id, name, position, reused_from)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (execution_id, name) DO UPDATE SET status = excluded.status, attempts = excluded.attempts, start_time = excluded.start_time,
        end_time = excluded.end_time, exit_code = excluded.exit_code, error = excluded.error, outputs = excluded.outputs, reason = excluded.reason,
        log_path = excluded.log_path, log_tail = excluded.log_tail, reused_from = excluded.reused_from, worker = excluded.worker,
        cache_key = excluded.cache_key, cache_miss = excluded.cache_miss, child = excluded.child, output_hash = excluded.output_hash`),
    // Positional (in stepValues' order): a run's steps are mostly updates, hundreds a batch, and binding by name costs
    // about twice as much.
    updateStep: db.prepare(`UPDATE step_runs SET status = ?, attempts = ?, start_time = ?, end_time = ?, exit_code = ?, error = ?, outputs = ?, reason = ?,
      log_path = ?, log_tail = ?, worker = ?, cache_key = ?, cache_miss = ?, child = ?, output_hash = ? WHERE execution_id = ? AND name = ?`),
  };
}

export function executionParams(execution: WorkflowExecution, owner: Owner) {
  return {
    executionId: execution.executionId,
    workflowName: execution.workflowName,
    workflowFile: execution.workflowFile,
    sessionId: execution.sessionId,
    projectId: execution.projectId,
    status: execution.status,
    origin: execution.origin,
    startTime: execution.startTime,
    endTime: execution.endTime,
    params: JSON.stringify(execution.params),
    errors: JSON.stringify(execution.errors),
    ownerPid: owner.pid,
    ownerHost: owner.host,
    ownerStart: owner.start,
    outcome: execution.outcome ?? null,
    performance: execution.performanceMetrics == null ? null : JSON.stringify(execution.performanceMetrics),
  };
}

/** A step's columns in the order updateStep and insertStep name them. */
function stepValues(run: StepRun) {
  return [
    run.status, run.attempts, run.startTime, run.endTime, run.exitCode, run.error, JSON.stringify(run.outputs), run.reason, run.logPath, run.logTail,
    run.worker == null ? null : JSON.stringify(run.worker), run.cacheKey ?? null, run.cacheMiss == null ? null : JSON.stringify(run.cacheMiss),
    run.child == null ? null : JSON.stringify(run.child), run.outputHash ?? null,
  ] as const;
}

/** Writes a batch in one transaction: new runs with all their steps, then changed runs and steps. */
export function writeBatch(
  writes: RunWrites,
  owner: Owner,
  started: readonly { execution: WorkflowExecution; workflow: string | null }[],
  executions: Iterable<WorkflowExecution>,
  steps: Iterable<{ executionId: string; name: string; run: StepRun }>,
): void {
  const inserted = new Map<string, WorkflowExecution>();
  for (const { execution, workflow } of started) {
    inserted.set(execution.executionId, execution);
    writes.insertExecution.run({ ...executionParams(execution, owner), workflow, rerunOf: execution.rerunOf ?? null, partial: execution.partial === true ? 1 : 0,
      selection: execution.selection != null ? JSON.stringify(execution.selection) : null,
      parentExecutionId: execution.parent?.executionId ?? null, parentStep: execution.parent?.step ?? null });
    let position = 0;
    for (const [name, run] of Object.entries(execution.steps)) {
      writes.insertStep.run(...stepValues(run), execution.executionId, name, position++, run.reusedFrom ?? null);
    }
  }
  for (const execution of executions) writes.updateExecution.run(executionParams(execution, owner));
  for (const { executionId, name, run } of steps) {
    // Inserted just now as it is (a run of cache hits ends before its first write): written once, not twice.
    if (inserted.get(executionId)?.steps[name] === run) continue;
    writes.updateStep.run(...stepValues(run), executionId, name);
  }
}
