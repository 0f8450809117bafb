// A run as an agent reads it — status, each step's status, outputs and log tail — and waiting for a run to end.
import { z } from 'zod';
import { TERMINAL_EXECUTION_STATUSES, type StepRun, type WorkflowExecution } from '../../../shared/model.js';
import type { OrchestrationEngine } from '../../engine/orchestration-engine.js';
import { ToolError } from './mcp-context.js';

/** What an agent is shown of a log unless it asks for more: enough to see why a step failed. */
export const DEFAULT_TAIL_LINES = 20;

export const stepSummaryShape = {
  status: z.string(),
  attempts: z.number(),
  exitCode: z.number().nullable(),
  error: z.string().nullable(),
  reason: z.string().nullable(),
  startTime: z.number().nullable(),
  endTime: z.number().nullable(),
  outputs: z.record(z.string(), z.unknown()),
  logTail: z.string(),
  /** The MCP resource holding the step's whole log. */
  logUri: z.string().nullable(),
  /** The worker that ran the step (the queue), or null when it ran in the engine's process. */
  worker: z.object({ id: z.string(), host: z.string(), pool: z.string() }).nullable(),
  /** The run this step's outputs were taken from (a step kept by a re-run, or left out of a partial run); null when it ran here. */
  reusedFrom: z.string().nullable(),
  /** A step with `cache`: its key (status `cached` when restored from it); null otherwise or with no_cache. */
  cacheKey: z.string().nullable(),
  /** Why a step with `cache` ran instead of being restored; null for a hit or a step without one. */
  cacheMiss: z.object({ summary: z.string(), changes: z.array(z.object({ kind: z.string(), name: z.string(), detail: z.string() })) }).nullable(),
  /** A workflow.run step's child run: its id, workflow, status and n of m steps done; null for other steps. */
  child: z.object({ executionId: z.string(), workflowName: z.string(), status: z.string(), done: z.number(), total: z.number() }).nullable(),
};

/** The run and workflow.run step a subflow's child run was started by; null for a top-level run. */
export const parentShape = z.object({ executionId: z.string(), step: z.string() }).nullable();

export const runSummaryShape = {
  executionId: z.string(),
  workflowName: z.string(),
  status: z.string(),
  /** The upstream's `success`: the run completed. */
  success: z.boolean(),
  finished: z.boolean(),
  origin: z.string(),
  projectId: z.string().nullable(),
  sessionId: z.string().nullable(),
  parent: parentShape,
  startTime: z.number(),
  endTime: z.number().nullable(),
  durationMs: z.number().nullable(),
  params: z.record(z.string(), z.unknown()),
  errors: z.array(z.string()),
  /** What a partial run selected (only / from / to) and the run its left-out steps' outputs came from; null for a whole run. */
  selection: z.object({ mode: z.string(), steps: z.array(z.string()), selected: z.array(z.string()), sourceExecutionId: z.string().nullable() }).nullable(),
  steps: z.record(z.string(), z.object(stepSummaryShape)),
  /** The upstream's `results`: each step's outputs by name. */
  results: z.record(z.string(), z.record(z.string(), z.unknown())),
  /** Per step queue wait, run time, CPU time and peak memory; totals; the critical path. Null until the run ends. */
  performanceMetrics: z.object({
    steps: z.record(z.string(), z.object({ queueWaitMs: z.number(), runTimeMs: z.number(), cpuTimeMs: z.number().nullable(), peakMemoryMB: z.number().nullable(), attempts: z.number() })),
    totals: z.object({ wallTimeMs: z.number(), queueWaitMs: z.number(), runTimeMs: z.number(), cpuTimeMs: z.number().nullable(), peakMemoryMB: z.number().nullable(), stepsRun: z.number() }),
    criticalPath: z.object({ steps: z.array(z.string()), runTimeMs: z.number() }),
    sampleIntervalMs: z.number().nullable(),
  }).nullable(),
};

export type RunSummary = z.output<z.ZodObject<typeof runSummaryShape>>;

export const logUri = (executionId: string, step: string): string => `codomyrmex://runs/${encodeURIComponent(executionId)}/logs/${encodeURIComponent(step)}`;

export function summariseRun(execution: WorkflowExecution, tailLines = DEFAULT_TAIL_LINES): RunSummary {
  return {
    executionId: execution.executionId,
    workflowName: execution.workflowName,
    status: execution.status,
    success: execution.status === 'completed',
    finished: TERMINAL_EXECUTION_STATUSES.has(execution.status),
    origin: execution.origin,
    projectId: execution.projectId,
    sessionId: execution.sessionId,
    parent: execution.parent ?? null,
    startTime: execution.startTime,
    endTime: execution.endTime,
    durationMs: execution.endTime === null ? null : execution.endTime - execution.startTime,
    params: execution.params,
    errors: execution.errors,
    selection: execution.selection ?? null,
    steps: Object.fromEntries(Object.entries(execution.steps).map(([name, run]) => [name, summariseStep(execution.executionId, name, run, tailLines)])),
    results: Object.fromEntries(Object.entries(execution.steps).map(([name, run]) => [name, run.outputs])),
    performanceMetrics: execution.performanceMetrics ?? null,
  };
}

function summariseStep(executionId: string, name: string, run: StepRun, tailLines: number) {
  return {
    status: run.status,
    attempts: run.attempts,
    exitCode: run.exitCode,
    error: run.error,
    reason: run.reason,
    startTime: run.startTime,
    endTime: run.endTime,
    outputs: run.outputs,
    logTail: lastLines(run.logTail, tailLines),
    logUri: run.logPath === null && run.logTail === '' ? null : logUri(executionId, name),
    worker: run.worker ?? null,
    reusedFrom: run.reusedFrom ?? null,
    cacheKey: run.cacheKey ?? null,
    cacheMiss: run.cacheMiss ?? null,
    child: run.child ?? null,
  };
}

export function lastLines(text: string, count: number): string {
  if (count <= 0) return '';
  const lines = text.replace(/\n$/, '').split('\n');
  return lines.length <= count ? text : `${lines.slice(-count).join('\n')}\n`;
}

export function requireExecution(engine: OrchestrationEngine, executionId: string): WorkflowExecution {
  const execution = engine.getExecution(executionId);
  if (execution === null) throw new ToolError(`unknown execution "${executionId}" (list_executions shows recent runs)`, 'not-found');
  return execution;
}

/**
 * The run once it has ended, or as it is when `waitSeconds` pass or the agent gives up (the request's signal):
 * a long workflow never holds a tool call past the client's own timeout.
 */
export async function waitForRun(engine: OrchestrationEngine, executionId: string, waitSeconds: number, signal: AbortSignal): Promise<WorkflowExecution> {
  const current = requireExecution(engine, executionId);
  if (TERMINAL_EXECUTION_STATUSES.has(current.status) || waitSeconds <= 0 || signal.aborted) return current;
  await new Promise<void>((resolve) => {
    const finish = (): void => {
      clearTimeout(timer);
      off();
      signal.removeEventListener('abort', finish);
      // The record is flushed once the run's promise settles, a tick after its last event.
      setImmediate(resolve);
    };
    const timer = setTimeout(finish, waitSeconds * 1000);
    const off = engine.events.on((event) => {
      if (event.type === 'execution.updated' && event.execution.executionId === executionId && TERMINAL_EXECUTION_STATUSES.has(event.execution.status)) finish();
    }, ['execution.updated']);
    signal.addEventListener('abort', finish, { once: true });
  });
  return requireExecution(engine, executionId);
}
