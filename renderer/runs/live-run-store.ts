// The live run state: per execution its summary and step runs, applied from engine events batch by batch.
// Kept apart from the graph store (run status never rewrites the graph) and from the log store (text is bulky).
import { createStore } from 'zustand/vanilla';
import type { EngineEvent, ExecutionSummary } from '../../shared/events.js';
import { TERMINAL_EXECUTION_STATUSES, TERMINAL_STEP_STATUSES, type StepRun, type WorkflowExecution } from '../../shared/model.js';

export type RunEvent = Extract<EngineEvent, { type: 'execution.updated' | 'step.updated' }>;

export interface RunRecord {
  readonly executionId: string;
  readonly summary: ExecutionSummary | null;
  /**
   * Mutated in place while a batch is applied, so a batch costs O(its events) however many steps the run has.
   * The record object itself is replaced whenever anything in it changes: select the record (or a StepRun, which is
   * never mutated) and React sees every change.
   */
  readonly steps: ReadonlyMap<string, StepRun>;
  readonly revision: number;
}

export interface RunState {
  /** Same Map across batches (see RunRecord.steps); `batches` changes with every applied batch. */
  runs: ReadonlyMap<string, RunRecord>;
  /** Execution ids with a summary, newest first. */
  order: readonly string[];
  shownExecutionId: string | null;
  batches: number;
  applyEvents(events: readonly RunEvent[]): void;
  loadExecution(execution: WorkflowExecution): void;
  setRecent(executions: readonly WorkflowExecution[]): void;
  show(executionId: string | null): void;
}

interface Draft {
  executionId: string;
  summary: ExecutionSummary | null;
  steps: Map<string, StepRun>;
  revision: number;
}

/** A step never leaves a terminal state and never goes back an attempt: such an update is older than what we hold. */
export function isStaleStep(current: StepRun | undefined, incoming: StepRun): boolean {
  if (current === undefined) return false;
  if (TERMINAL_STEP_STATUSES.has(current.status)) return !TERMINAL_STEP_STATUSES.has(incoming.status) || incoming.attempts < current.attempts;
  return incoming.attempts < current.attempts;
}

function isStaleSummary(current: ExecutionSummary | null, incoming: ExecutionSummary): boolean {
  return current !== null && TERMINAL_EXECUTION_STATUSES.has(current.status) && !TERMINAL_EXECUTION_STATUSES.has(incoming.status);
}

function summaryOf(execution: WorkflowExecution): ExecutionSummary {
  const { steps: _steps, ...summary } = execution;
  return summary;
}

function byNewest(runs: ReadonlyMap<string, RunRecord>, ids: Iterable<string>): string[] {
  const start = (id: string): number => runs.get(id)?.summary?.startTime ?? 0;
  return [...new Set(ids)].filter((id) => runs.get(id)?.summary != null).sort((a, b) => start(b) - start(a));
}

export function createLiveRunStore() {
  const runs = new Map<string, RunRecord>();

  /** Opens a record for change; the same draft is reused for every event of the batch. */
  const draftOf = (drafts: Map<string, Draft>, executionId: string): Draft => {
    let draft = drafts.get(executionId);
    if (draft === undefined) {
      const record = runs.get(executionId);
      draft = record === undefined
        ? { executionId, summary: null, steps: new Map(), revision: 0 }
        : { ...record, steps: record.steps as Map<string, StepRun> };
      drafts.set(executionId, draft);
    }
    return draft;
  };

  /** Publishes the drafts as new record objects; returns the ids that gained their first summary. */
  const commit = (drafts: Map<string, Draft>): string[] => {
    const fresh: string[] = [];
    for (const draft of drafts.values()) {
      if (draft.summary !== null && runs.get(draft.executionId)?.summary == null) fresh.push(draft.executionId);
      runs.set(draft.executionId, { ...draft, revision: draft.revision + 1 });
    }
    return fresh;
  };

  const mergeStep = (draft: Draft, step: string, run: StepRun): void => {
    if (!isStaleStep(draft.steps.get(step), run)) draft.steps.set(step, run);
  };

  return createStore<RunState>()((set, get) => ({
    runs,
    order: [],
    shownExecutionId: null,
    batches: 0,

    applyEvents(events) {
      if (events.length === 0) return;
      const drafts = new Map<string, Draft>();
      for (const event of events) {
        if (event.type === 'execution.updated') {
          const draft = draftOf(drafts, event.execution.executionId);
          if (!isStaleSummary(draft.summary, event.execution)) draft.summary = event.execution;
        } else {
          mergeStep(draftOf(drafts, event.executionId), event.step, event.run);
        }
      }
      const fresh = commit(drafts);
      const state = get();
      // One set per batch: one store notification, so one React commit however many events the batch holds.
      set({ batches: state.batches + 1, order: fresh.length === 0 ? state.order : byNewest(runs, [...fresh, ...state.order]) });
    },

    loadExecution(execution) {
      const drafts = new Map<string, Draft>();
      const draft = draftOf(drafts, execution.executionId);
      if (!isStaleSummary(draft.summary, execution)) draft.summary = summaryOf(execution);
      for (const [step, run] of Object.entries(execution.steps)) mergeStep(draft, step, run);
      const fresh = commit(drafts);
      const state = get();
      set({ batches: state.batches + 1, order: fresh.length === 0 ? state.order : byNewest(runs, [...fresh, ...state.order]) });
    },

    setRecent(executions) {
      const drafts = new Map<string, Draft>();
      for (const execution of executions) {
        const draft = draftOf(drafts, execution.executionId);
        if (!isStaleSummary(draft.summary, execution)) draft.summary = summaryOf(execution);
      }
      commit(drafts);
      set({ batches: get().batches + 1, order: byNewest(runs, [...executions.map((e) => e.executionId), ...get().order]) });
    },

    show: (shownExecutionId) => set({ shownExecutionId }),
  }));
}

export type LiveRunStore = ReturnType<typeof createLiveRunStore>;
