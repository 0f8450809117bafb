// The domain model shared by the engine, every door and the renderer (DESIGN.md §2).

export const STEP_PRIORITIES = ['low', 'normal', 'high', 'critical'] as const;
export type StepPriority = (typeof STEP_PRIORITIES)[number];

export const RUN_WHEN = ['success', 'always', 'failure'] as const;
export type RunWhen = (typeof RUN_WHEN)[number];

export const EXECUTION_STATUSES = ['pending', 'running', 'completed', 'failed', 'cancelled', 'interrupted'] as const;
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];

export const STEP_STATUSES = [
  'pending', 'queued', 'running', 'retrying', 'succeeded', 'failed', 'skipped', 'cancelled', 'not-selected', 'cached',
] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

export const TERMINAL_STEP_STATUSES: ReadonlySet<StepStatus> = new Set(['succeeded', 'failed', 'skipped', 'cancelled', 'not-selected', 'cached']);

/** A step's outcome whose outputs downstream steps may read: it ran and succeeded, or its result was restored from the cache. */
export const SUCCESSFUL_STEP_STATUSES: ReadonlySet<StepStatus> = new Set(['succeeded', 'cached']);

/**
 * Running part of a workflow: `only` the named steps, `from` a step (it and everything downstream), `to` a step (it and
 * everything it depends on). The steps left out are `not-selected`; those a selected step reads are taken from an
 * earlier run.
 */
export const SELECTION_MODES = ['only', 'from', 'to'] as const;
export type SelectionMode = (typeof SELECTION_MODES)[number];

export interface StepSelection {
  mode: SelectionMode;
  /** The steps named: one for `from` and `to`, one or more for `only`. */
  steps: string[];
}

/** What a partial run selected, as recorded with it. */
export interface RunSelection extends StepSelection {
  /** Every step that runs, in workflow order. */
  selected: string[];
  /** The run whose outputs the selected steps read for the steps left out; null when they read none. */
  sourceExecutionId: string | null;
}
export const TERMINAL_EXECUTION_STATUSES: ReadonlySet<ExecutionStatus> = new Set([
  'completed', 'failed', 'cancelled', 'interrupted',
]);

export const RUN_ORIGINS = ['app', 'cli', 'mcp', 'api'] as const;
export type RunOrigin = (typeof RUN_ORIGINS)[number];

export interface RetryPolicy {
  /** Extra attempts after the first: attempts = 1 + count. */
  count: number;
  /** Seconds before the first retry. */
  delay: number;
  /** Multiplier applied to the delay after each retry. */
  backoff: number;
}

export interface WorkflowStep {
  name: string;
  module: string;
  action: string;
  parameters: Record<string, unknown>;
  dependencies: string[];
  /** Seconds per attempt; absent means no limit. */
  timeout?: number;
  retry?: RetryPolicy;
  /** Resource id → amount, allocated before the step starts. */
  resources: Record<string, number>;
  runWhen: RunWhen;
  continueOnError: boolean;
  priority: StepPriority;
  /** The worker pool the step runs on when the queue is on (shared/workers.ts); absent: the workflow's `runsOn`. */
  runsOn?: string;
  /**
   * Opt-in content-hash caching (issue 18): absent, the step takes the workflow's `cache`, or always runs without one
   * (side effects are the default assumption); `false`, it always runs whatever the workflow's default (a deploy).
   */
  cache?: StepCache | false;
  /** Canvas position and other editor state; ignored by the engine. */
  ui?: Record<string, unknown>;
}

/**
 * What a cached step's result depends on and produces. Globs are relative to the step's working directory; a leading
 * `!` excludes. `env` names environment values that enter the key.
 */
export interface StepCache {
  inputs: string[];
  outputs: string[];
  env: string[];
}

/** The `cache` a step runs with: its own, else the workflow's default; undefined when it always runs. */
export function stepCacheOf(step: Pick<WorkflowStep, 'cache'>, workflow: Pick<Workflow, 'cache'> | null | undefined): StepCache | undefined {
  return step.cache === false ? undefined : step.cache ?? workflow?.cache;
}

export interface WorkflowParam {
  default?: string | number | boolean;
  description?: string;
  required?: boolean;
}

export interface DeclaredResource {
  capacity: number;
  type?: ResourceType;
  unit?: string;
}

export interface Workflow {
  version: 1;
  name: string;
  description: string;
  concurrency?: number;
  env: Record<string, string>;
  params: Record<string, WorkflowParam>;
  /** Resources this workflow declares beyond the built-in and user-defined ones. */
  resources: Record<string, DeclaredResource>;
  /** The pool its steps run on when the queue is on, unless a step names its own; absent: `default`. */
  runsOn?: string;
  /** The `cache` a step without its own takes (issue 18); absent: such steps always run. */
  cache?: StepCache;
  steps: WorkflowStep[];
  /** Editor state for the whole canvas (groups: `ui.groups`); ignored by the engine, kept through save and reload. */
  ui?: Record<string, unknown>;
}

export interface StepRun {
  status: StepStatus;
  attempts: number;
  startTime: number | null;
  endTime: number | null;
  exitCode: number | null;
  error: string | null;
  outputs: Record<string, unknown>;
  /** Why a queued step waits, why a step was skipped. */
  reason: string | null;
  /** Path of the step's full log on disk, when it wrote any. */
  logPath: string | null;
  /** The last lines of the log, capped. */
  logTail: string;
  /**
   * The run this step's result was taken from, when a re-run from failed kept it instead of running it again (its
   * times, outputs and log are that run's), or a partial run left it out but reads its outputs (`not-selected`);
   * null or absent when the step ran in this run.
   */
  reusedFrom?: string | null;
  /** The worker that ran the step's last attempt, when it ran on one (the queue); null or absent when it ran here. */
  worker?: WorkerRef | null;
  /** The cache key of a step with `cache` (a hex content hash); null or absent for a step without one or with --no-cache. */
  cacheKey?: string | null;
  /** Why a step with `cache` ran instead of being restored (what differed from its last stored entry); null for a hit. */
  cacheMiss?: CacheMiss | null;
  /**
   * A step with `cache`: the hash of its outputs and output files, which its dependents' keys include. Kept with a step
   * a partial run or a re-run reuses, so the steps that run get the keys a whole run gives them (and hit).
   */
  outputHash?: string | null;
  /** The child run of a `workflow.run` step (a subflow) and its progress; null or absent for other steps. */
  child?: ChildRunProgress | null;
}

/** One thing that differed between a step's key now and its last stored entry. */
export interface CacheChange {
  kind: 'input' | 'env' | 'upstream' | 'params' | 'action' | 'cwd' | 'outputs';
  /** The input file, env name or upstream step concerned; the field's name for the others. */
  name: string;
  /** For people: "changed", "added", "removed", "output differs from the cache (changed since)". */
  detail: string;
}

export interface CacheMiss {
  /** One line: "first run", "--no-cache", "--force", "input src/a.c changed", "2 inputs and env CC changed". */
  summary: string;
  /** What differed, the first MAX_LISTED_CHANGES of it (a checkout can change thousands of inputs). */
  changes: CacheChange[];
  /** How many more differed than `changes` lists (counted in the summary); absent when it lists them all. */
  more?: number;
}

/** Changes a miss lists at most: past it, a count (`more`), so a record, the step panel and --explain stay readable. */
export const MAX_LISTED_CHANGES = 50;

/** A subflow's child run as its parent step shows it: n of m steps done and the child's status. */
export interface ChildRunProgress {
  executionId: string;
  workflowName: string;
  status: ExecutionStatus;
  /** Steps of the child that reached a terminal status. */
  done: number;
  total: number;
}

/** Where a step ran: a `codomyrmex worker` process, by its id, its machine's host name and its pool. */
export interface WorkerRef {
  id: string;
  host: string;
  pool: string;
}

/** A connected worker as the Resources view lists it (from its heartbeat in Redis). */
export interface WorkerInfo extends WorkerRef {
  /** Steps it runs at once (`--concurrency`). */
  slots: number;
  /** The steps it runs now. */
  running: { executionId: string; step: string }[];
  /** When its last heartbeat was written (ms since the epoch); a worker silent for 15 s is gone from the list. */
  lastHeartbeat: number;
  /** What it declared with `--resources` (`cores=4,memory=8G,gpu=1`), by resource id in the engine's units. */
  resources: Record<string, number>;
}

export interface WorkflowExecution {
  executionId: string;
  workflowName: string;
  workflowFile: string | null;
  sessionId: string | null;
  projectId: string | null;
  status: ExecutionStatus;
  origin: RunOrigin;
  startTime: number;
  endTime: number | null;
  params: Record<string, unknown>;
  errors: string[];
  steps: Record<string, StepRun>;
  /** The parent run and its `workflow.run` step, when this run is a subflow's child run; null or absent otherwise. */
  parent?: { executionId: string; step: string } | null;
  /** The run this one re-runs (runs.rerun), for history; null or absent for a first run. */
  rerunOf?: string | null;
  /** A re-run from failed that kept some steps of an earlier run: left out of durations and success rates. */
  partial?: boolean;
  /** What a partial run selected (run this step only, from here, up to here); null or absent for a whole run. */
  selection?: RunSelection | null;
  /** Why the run ended as it did, by the rule in README ("Ended cancelled: step "x" was cancelled"); null while it runs. */
  outcome?: string | null;
  /** Why the stored record cannot be read in full (a garbled field or step row); null or absent when it is whole. */
  damaged?: string | null;
  /** Each step's outputs by step name, as the upstream's `execution.results` (the same values as `steps[name].outputs`). */
  results?: Record<string, Record<string, unknown>>;
  /**
   * On a history list row (listed without its steps): how many of its steps were restored from the cache and how many
   * ran or ended otherwise (steps left out of a partial run not counted); absent when the record carries its steps.
   */
  cacheShare?: { cached: number; others: number };
  /** Timings, CPU and memory per step, the run's totals and its critical path (shared/performance.ts); null while it runs. */
  performanceMetrics?: PerformanceMetrics | null;
}

/** What one step cost in a run. Times in milliseconds; CPU and memory are of the step's whole process tree. */
export interface StepPerformance {
  /** Ready to run (dependencies done) but waiting for a slot or resources, over all its attempts. */
  queueWaitMs: number;
  /** Its attempts' running time, summed (retry delays left out). */
  runTimeMs: number;
  /** CPU time (user + system) of its process tree, sampled; null for an in-process action or when not measured. */
  cpuTimeMs: number | null;
  /** The largest resident memory its process tree had at once, sampled; null as for cpuTimeMs. */
  peakMemoryMB: number | null;
  attempts: number;
}

export interface PerformanceMetrics {
  steps: Record<string, StepPerformance>;
  totals: {
    /** The run's start to its end. */
    wallTimeMs: number;
    queueWaitMs: number;
    runTimeMs: number;
    /** Summed over the steps that were measured; null when none was. */
    cpuTimeMs: number | null;
    /** The largest step's peak (steps running together may have used more in sum). */
    peakMemoryMB: number | null;
    /** Steps that ran in this run (not skipped, not kept from an earlier run). */
    stepsRun: number;
  };
  /** The longest chain of dependent steps by run time: what bounds the run however many steps run at once. */
  criticalPath: { steps: string[]; runTimeMs: number };
  /** How often process trees were sampled for CPU and memory (ms); null when performance monitoring was off. */
  sampleIntervalMs: number | null;
}

export type ResourceType = 'cpu' | 'memory' | 'gpu' | 'custom';

export interface Resource {
  id: string;
  type: ResourceType;
  capacity: number;
  unit: string;
  builtin: boolean;
}

export interface ResourceAllocation {
  resourceId: string;
  taskId: string;
  /** Who holds it, in the user's words ("<workflow> › <step>"); the taskId is for the engine. */
  holder?: string;
  amount: number;
  allocatedAt: number;
  releasedAt: number | null;
}

/** The upstream's ProjectStatus values; `failed` is set by hand or, when the project opts in, by its health check. */
export const PROJECT_STATUSES = ['planning', 'active', 'paused', 'completed', 'archived', 'failed'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

/**
 * A project's status following its runs (opt-in): `active` while any of its runs goes; when the last one ends,
 * `failed` if the last run of the `healthCheck` workflow failed, else `restingStatus` (the status it had by hand).
 */
export interface StatusFollowsRuns {
  /** The workflow whose last run says whether the project is healthy; null: no health check, never `failed`. */
  healthCheck: string | null;
  /** What the project returns to when no run goes and its health check passed: the status last set by hand. */
  restingStatus: ProjectStatus;
}

/** The last status change runs made, so every door can say why a project's status is what it is. */
export interface ProjectStatusChange {
  from: ProjectStatus;
  to: ProjectStatus;
  reason: string;
  executionId: string | null;
  time: number;
}

export interface Project {
  id: string;
  name: string;
  path: string;
  template: string | null;
  status: ProjectStatus;
  createdAt: number;
  description: string;
  /** Set when the project's status follows its runs; absent (off) by default. */
  statusFollowsRuns?: StatusFollowsRuns;
  /** The last change runs made to the status (absent when they never changed it). */
  lastStatusChange?: ProjectStatusChange;
}

export const SESSION_STATUSES = ['active', 'closed'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export interface Session {
  sessionId: string;
  name: string;
  projectId: string | null;
  createdAt: number;
  status: SessionStatus;
  variables: Record<string, string>;
  env: Record<string, string>;
}

/** The step cache as `codomyrmex cache stats`, MCP and the Resources view show it (issue 18). */
export interface CacheStats {
  /** The folder holding it: `$CODOMYRMEX_HOME/cache`, or the shared location configured. */
  location: string;
  /** Stored step results. */
  entries: number;
  /** Bytes on disk: stored files (identical files once) and entry records. */
  bytes: number;
  /** The size cap beyond which the least recently used entries are evicted; null for none. */
  maxBytes: number | null;
}
