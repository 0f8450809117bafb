// The one contract between the engine and every UI door (Electron IPC, the browser-mode WebSocket): commands with
// zod-validated requests and typed responses, and the events the engine pushes. Nothing else crosses the boundary.
import { z } from 'zod';
import type { Problem } from './errors.js';
import type { EngineEvent, EngineNotice } from './events.js';
import type { CacheStats, Project, Resource, ResourceAllocation, RunSelection, Session, WorkerInfo, Workflow, WorkflowExecution } from './model.js';
import { EXECUTION_STATUSES, PROJECT_STATUSES, RUN_ORIGINS, SELECTION_MODES } from './model.js';
import type { ProjectCard, ProjectHistory, TemplateInfo } from './dashboard.js';
import type { EngineLogPage } from './engine-log.js';
import type { SystemSample } from './monitor.js';
import { RESOURCE_ID_PATTERN, RESOURCE_ID_RULE } from './resource-text.js';
import { nameSchema } from './workflow-schema.js';

/**
 * What a partial run would do, asked before it starts: the selection (with the run its left-out steps' outputs come
 * from) and the left-out steps it reads; or the problems that refuse it (a step whose inputs no earlier run has).
 */
export interface SelectionPreview {
  selection: RunSelection | null;
  /** The left-out steps whose outputs the selected steps read from the source run. */
  read: string[];
  /** When the source run ended (epoch ms), to tell the user which run it is. */
  sourceEndTime: number | null;
  problems: Problem[];
}

/** A response type, carried by the contract for the type checker only. */
const returns = <T>(): T => undefined as unknown as T;

const id = z.string().min(1).max(200);
/** A name that looks something up: one that breaks the naming rule is simply not found. */
const name = z.string().min(1).max(200);
/** Names that are given: each held to its rule in shared/names.ts (README "Names"). */
const projectName = nameSchema('project');
const sessionName = nameSchema('session');
/** Run part of a workflow: `only` some steps, `from` one (and downstream), `to` one (and what it depends on). */
const stepSelection = z.object({ mode: z.enum(SELECTION_MODES), steps: z.array(name).min(1).max(10_000) }).strict();
const stringMap = z.record(z.string().min(1).max(200), z.string().max(100_000));
/** The most log text one request returns; bigger logs are read in slices. */
const MAX_LOG_SLICE = 4 * 1024 * 1024;
/** Workflow files are small; this bounds what one request may carry. */
const MAX_FILE_CHARS = 10 * 1024 * 1024;

export interface WorkflowEntry {
  name: string;
  description: string;
  steps: number;
  file: string;
  /** Content hash of the file as listed (as in WorkflowDocument), so a list shows which open document is stale. */
  revision: string;
  /** Problems that keep it from running; empty when valid. */
  problems: Problem[];
}

/** A workflow file as the editor holds it. */
export interface WorkflowDocument {
  /** Null when the file cannot be read as a workflow at all (its problems say why). */
  workflow: Workflow | null;
  file: string;
  format: 'yaml' | 'json';
  /** Content hash of the file as read: a save names it, so a file changed on disk meanwhile is a conflict, never lost. */
  revision: string;
  /** Problems that keep it from running; empty when valid. */
  problems: Problem[];
}

/** What the editor's live validation needs besides the action catalogue, so it checks exactly as the engine does. */
export interface EditorContext {
  /** Built-in and user-defined resources, by id. */
  resources: Record<string, { capacity: number; unit: string }>;
  /** Names (never values) of the environment variables `${{ env.X }}` may refer to. */
  env: string[];
}

export interface RunDetail extends WorkflowExecution {
  /** The workflow as it was when the run started; null for runs recorded before snapshots were kept. */
  workflow: Workflow | null;
}

export interface RunLogSlice {
  /** UTF-8 text of the slice (a multi-byte character cut at an edge is dropped, never garbled). */
  text: string;
  /** Where the text starts in the file: the asked offset, moved past a character cut at the edge if there was one. */
  offset: number;
  /**
   * Where the next slice starts (the text's end in the file): reading on from here misses and repeats nothing, even
   * where the file holds bytes that are no UTF-8. The engine always sets it (optional only for older repliers).
   */
  nextOffset?: number;
  /** The log's size on disk now; a running step's log grows. */
  size: number;
  /** Set when the engine stopped keeping the log (its cap) and the text ends with a marker saying so. */
  capped: boolean;
}

export interface RunStats {
  /** How many completed runs the figures come from. */
  runs: number;
  medianDurationMs: number | null;
  /** Median duration of each step over those runs. */
  stepMedianMs: Record<string, number>;
}

/** A resource as the monitor shows it: capacity, what is allocated now and to which step, what waits for it. */
export interface ResourceStatus extends Resource {
  available: number;
  allocations: ResourceAllocation[];
  /** Declared by the user (editable), as opposed to built in or declared by a workflow file. */
  userDefined: boolean;
  /** Steps queued until enough of this resource is free. */
  waiting: { executionId: string; step: string; amount: number }[];
}

/** The queue (DESIGN.md §5a) as the engine of this door uses it. */
export interface QueueStatus {
  /** The Redis URL steps go through (its password shown as ***), or null: every step runs in the engine's process. */
  url: string | null;
  /** True while the engine's connection to Redis is up. */
  connected: boolean;
  /** Why the queue cannot be used now (Redis unreachable, a refused password), or null. */
  problem: string | null;
}

/** What `workers.list` answers: the queue, the workers whose heartbeat is fresh, and steps waiting for a pool with none. */
export interface WorkersStatus {
  queue: QueueStatus;
  workers: WorkerInfo[];
  /** Queued steps of live runs whose pool has no worker (reason `no worker in pool <pool>`). */
  waiting: { pool: string; executionId: string; step: string }[];
}

export interface ActionInfo {
  module: string;
  action: string;
  description: string;
  icon: string;
  outputs: readonly string[];
  openOutputs: boolean;
  /** The parameter schema as JSON Schema, for the editor's forms. */
  paramsSchema: unknown;
}

export interface AppInfo {
  version: string;
  mode: 'electron' | 'browser';
  home: string;
  platform: string;
  /** The project the app opened on (browser mode's DIR), if any. */
  projectId: string | null;
  /** Notices the engine raised before this door connected that still hold (a database moved aside, a broken settings file). */
  notices?: EngineNotice[];
}

export const commands = {
  'app.info': { request: z.object({}).strict(), response: returns<AppInfo>() },
  'projects.list': { request: z.object({}).strict(), response: returns<Project[]>() },
  'workflows.list': { request: z.object({ projectId: id }).strict(), response: returns<WorkflowEntry[]>() },
  'workflows.get': {
    request: z.object({ projectId: id, name }).strict(),
    response: returns<WorkflowDocument>(),
  },
  /**
   * Creates (baseRevision null: `<project>/.codomyrmex/workflows/<name>.yaml`; refused with `conflict` if the name is
   * taken, even with force) or overwrites the file of workflow `name` read at baseRevision (`conflict` if it changed
   * on disk since, unless force). `name` decides the file and the saved workflow takes it as its name field; a rename
   * is a save under the new name plus a delete of the old. Saves what cannot run yet (the document's problems say
   * why); refuses with `invalid-workflow` what is no workflow. The returned document is what the file now holds.
   */
  'workflows.save': {
    request: z.object({
      projectId: id,
      // The workflow name rule is checked by the save itself, so the refusal names the field as a workflow problem.
      name,
      workflow: z.record(z.string(), z.unknown()),
      baseRevision: z.string().max(200).nullable(),
      /** Overwrite even if the file changed on disk since baseRevision (the user chose "keep mine"). */
      force: z.boolean().optional(),
    }).strict(),
    response: returns<WorkflowDocument>(),
  },
  'workflows.delete': { request: z.object({ projectId: id, name }).strict(), response: returns<{ deleted: boolean }>() },
  /** Reads an imported file's text into a workflow, without writing anything. */
  'workflows.parse': {
    request: z.object({ text: z.string().max(MAX_FILE_CHARS), fileName: name }).strict(),
    response: returns<{ workflow: Workflow | null; problems: Problem[] }>(),
  },
  /** The text an export writes. */
  'workflows.render': {
    request: z.object({ workflow: z.record(z.string(), z.unknown()), format: z.enum(['yaml', 'json']) }).strict(),
    response: returns<{ text: string }>(),
  },
  'editor.context': { request: z.object({}).strict(), response: returns<EditorContext>() },
  'runs.start': {
    request: z.object({
      projectId: id, workflowName: name, params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(), sessionId: id.optional(),
      /** Run part of the workflow; refused (validation) when a selected step reads a left-out one no earlier run has. */
      selection: stepSelection.optional(),
      /** Steps with `cache` neither read nor write it (issue 18). */
      noCache: z.boolean().optional(),
      /** These steps run even on a cache hit and store their new results. */
      force: z.array(name).max(10_000).optional(),
    }).strict(),
    response: returns<{ executionId: string }>(),
  },
  /** What `runs.start` with this selection would run and read, asked before it starts (nothing runs). */
  'runs.planSelection': {
    request: z.object({ projectId: id, workflowName: name, selection: stepSelection }).strict(),
    response: returns<SelectionPreview>(),
  },
  'runs.cancel': { request: z.object({ executionId: id }).strict(), response: returns<{ cancelled: boolean }>() },
  /**
   * Cancels one running or waiting step: its process tree is killed, its dependents are skipped, independent branches
   * go on; the run then ends `cancelled` unless a step failed (README, "How a run ends").
   */
  'runs.cancelStep': { request: z.object({ executionId: id, step: name }).strict(), response: returns<{ cancelled: boolean }>() },
  /**
   * Runs a finished run again as a new run (same workflow file, params and session): `from: 'start'` re-runs every
   * step; `from: 'failed'` keeps the steps that succeeded (with their outputs, marked `reusedFrom`) and re-runs the rest — which is also
   * how an `interrupted` run is resumed.
   */
  'runs.rerun': {
    request: z.object({ executionId: id, from: z.enum(['start', 'failed']) }).strict(),
    response: returns<{ executionId: string }>(),
  },
  /**
   * A slice of a step's full log on disk (old runs, search, download): `length` bytes (default 1 MiB) from `offset`
   * (default 0). Live text also arrives as step.log events, whose `offset` says where they join the file.
   */
  'runs.log': {
    request: z.object({ executionId: id, step: name, offset: z.number().int().min(0).optional(), length: z.number().int().min(1).max(MAX_LOG_SLICE).optional() }).strict(),
    response: returns<RunLogSlice>(),
  },
  /** Durations of a workflow's past completed runs, for a running run's estimate. */
  'runs.stats': {
    request: z.object({ workflowName: name, projectId: id.optional(), limit: z.number().int().min(1).max(1000).optional() }).strict(),
    response: returns<RunStats>(),
  },
  /** A run as it was: its record, and the workflow it ran (a snapshot taken at start, so later edits never change it). */
  'runs.get': { request: z.object({ executionId: id }).strict(), response: returns<RunDetail | null>() },
  'runs.list': {
    request: z.object({
      projectId: id.optional(),
      workflowName: name.optional(),
      status: z.enum(EXECUTION_STATUSES).optional(),
      sessionId: id.optional(),
      origin: z.enum(RUN_ORIGINS).optional(),
      /** Runs that started at or after / before these epoch milliseconds. */
      since: z.number().int().min(0).optional(),
      until: z.number().int().min(0).optional(),
      /** A subflow's child runs: those of this parent run; null: top-level runs only; unset: every run. */
      parent: id.nullable().optional(),
      limit: z.number().int().min(1).max(1000).optional(),
      offset: z.number().int().min(0).optional(),
    }).strict(),
    response: returns<WorkflowExecution[]>(),
  },
  'sessions.list': { request: z.object({}).strict(), response: returns<Session[]>() },
  'sessions.create': {
    request: z.object({ name: sessionName, projectId: id.optional(), env: stringMap.optional(), variables: stringMap.optional() }).strict(),
    response: returns<Session>(),
  },
  /** Renames a session, binds it to a project, or replaces its variables and environment overrides. */
  'sessions.update': {
    request: z.object({ sessionId: id, name: sessionName.optional(), projectId: id.nullable().optional(), env: stringMap.optional(), variables: stringMap.optional() }).strict(),
    response: returns<Session>(),
  },
  'sessions.close': { request: z.object({ sessionId: id }).strict(), response: returns<Session>() },
  'resources.list': {
    request: z.object({}).strict(),
    response: returns<ResourceStatus[]>(),
  },
  /** Adds or changes a user-defined resource (kept in the settings, shared by every door). */
  'resources.define': {
    request: z.object({ id: z.string().regex(RESOURCE_ID_PATTERN, `a resource id may ${RESOURCE_ID_RULE}`), capacity: z.number().positive().max(1e12), type: z.enum(['cpu', 'memory', 'gpu', 'custom']).optional(), unit: z.string().max(32).optional() }).strict(),
    response: returns<Resource>(),
  },
  'resources.remove': { request: z.object({ id: z.string().min(1).max(64) }).strict(), response: returns<{ removed: boolean }>() },
  /** The machine's samples of the last hour (recent ones as taken, older ones averaged); live ones arrive as events. */
  'resources.history': { request: z.object({}).strict(), response: returns<{ system: SystemSample[] }>() },
  /** Every project as a dashboard card: its workflows' last runs, success rates and durations over `days` (30). */
  'projects.dashboard': { request: z.object({ days: z.number().int().min(1).max(365).optional() }).strict(), response: returns<ProjectCard[]>() },
  'projects.history': { request: z.object({ projectId: id, days: z.number().int().min(1).max(365).optional() }).strict(), response: returns<ProjectHistory>() },
  /** Registers an existing folder as a project (or returns the project already there). */
  'projects.add': {
    request: z.object({
      path: z.string().min(1).max(4096),
      name: projectName.optional(),
      /** Needed to add a folder that holds much more than one project: a file system root or the home folder itself. */
      confirmBroadFolder: z.boolean().optional(),
    }).strict(),
    response: returns<Project>(),
  },
  /** Creates a project folder from a template (refused if the folder exists and is not empty). */
  'projects.create': {
    request: z.object({ name: projectName, parentDir: z.string().min(1).max(4096), template: name.optional(), description: z.string().max(2000).optional() }).strict(),
    response: returns<Project>(),
  },
  /** The sample project (parallel branches, a retry, outputs passed on, a resource queue), created in the data folder
   * on first use and registered; asked again, the same project. */
  'projects.createSample': { request: z.object({}).strict(), response: returns<Project>() },
  /**
   * Sets the status by hand, and/or turns the status following runs on (`{ healthCheck }`: the workflow whose last
   * run decides `failed`, or null for none) or off (null). Status first: following starts from the status set.
   */
  'projects.update': {
    request: z.object({ projectId: id, status: z.enum(PROJECT_STATUSES).optional(), statusFollowsRuns: z.object({ healthCheck: name.nullable() }).strict().nullable().optional() }).strict(),
    response: returns<Project>(),
  },
  /** Forgets a project; its folder and files are never touched. */
  'projects.remove': { request: z.object({ projectId: id }).strict(), response: returns<{ removed: boolean }>() },
  /** Opens the project's folder in the file manager, or a terminal there, on the machine the engine runs on. */
  'projects.open': { request: z.object({ projectId: id, target: z.enum(['folder', 'terminal']) }).strict(), response: returns<{ opened: boolean }>() },
  'templates.list': { request: z.object({}).strict(), response: returns<TemplateInfo[]>() },
  /** Saves a project's workflows (and config) as a template new projects can start from. */
  'templates.saveFromProject': {
    request: z.object({ projectId: id, name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/), description: z.string().max(2000).optional() }).strict(),
    response: returns<TemplateInfo>(),
  },
  'actions.list': { request: z.object({}).strict(), response: returns<ActionInfo[]>() },
  /**
   * The engine's own log ($CODOMYRMEX_HOME/logs/codomyrmex.log, every process's records): without a cursor its last
   * `limit` records (default 2000); with the cursor a read returned, the records written since (the panel follows).
   */
  'engineLog.read': {
    request: z.object({
      cursor: z.object({ file: z.string().min(1).max(4096), offset: z.number().int().min(0) }).strict().nullable().optional(),
      limit: z.number().int().min(1).max(10_000).optional(),
    }).strict(),
    response: returns<EngineLogPage>(),
  },
  'workers.list': { request: z.object({}).strict(), response: returns<WorkersStatus>() },
  /** Turns the queue on (a Redis URL, kept in the settings as `queue: { redisUrl }`) or off (null) for this engine's runs. */
  'queue.configure': {
    request: z.object({ redisUrl: z.string().min(1).max(2048).nullable() }).strict(),
    response: returns<QueueStatus>(),
  },
  /** The step cache's size, cap and location (issue 18), as `codomyrmex cache stats` prints them. */
  'cache.stats': { request: z.object({}).strict(), response: returns<CacheStats>() },
  /** Removes every stored step result (the app asks first); answers the cache's figures after. */
  'cache.clear': { request: z.object({}).strict(), response: returns<CacheStats>() },
} as const;

export type Command = keyof typeof commands;
export type RequestOf<C extends Command> = z.input<(typeof commands)[C]['request']>;
export type ResponseOf<C extends Command> = (typeof commands)[C]['response'];
export const COMMANDS = Object.keys(commands) as Command[];

/** `needs-confirmation`: the same request with its confirmation flag set would be done (see `projects.add`). */
export type IpcErrorCode = 'unknown-command' | 'invalid-request' | 'not-found' | 'invalid-workflow' | 'conflict' | 'needs-confirmation' | 'failed';

export interface IpcError {
  code: IpcErrorCode;
  message: string;
  problems?: Problem[];
}

/** What a door returns for every command: never a thrown error across the boundary. */
export type Reply<T = unknown> = { ok: true; value: T } | { ok: false; error: IpcError };

/** Events go out in batches, at most ~60 pushes a second, however many steps change. */
export interface EventBatch {
  events: EngineEvent[];
}

/** The API the renderer talks to, whichever door is behind it. */
export interface OrchestratorApi {
  invoke<C extends Command>(command: C, request: RequestOf<C>): Promise<ResponseOf<C>>;
  /** Listens to event batches; returns the unsubscribe function. */
  onEvents(listener: (batch: EventBatch) => void): () => void;
}

/** The raw bridge Electron's preload exposes as `window.codomyrmex`; the renderer wraps it into an OrchestratorApi. */
export interface PreloadBridge {
  invoke(command: string, request: unknown): Promise<Reply>;
  onEvents(listener: (batch: EventBatch) => void): () => void;
  /**
   * Main's close prompt: "Save" runs `save` (the editor's own save) and closes the window once it resolves true.
   * One handler at a time; returns the function that removes it.
   */
  onSaveRequest(save: () => Promise<boolean>): () => void;
}

/** Checks a request against the contract: the parsed request, or the reply to send back. */
export function parseRequest(command: string, payload: unknown): { ok: true; command: Command; request: unknown } | { ok: false; reply: Reply } {
  if (!Object.hasOwn(commands, command)) {
    return { ok: false, reply: { ok: false, error: { code: 'unknown-command', message: `unknown command "${command}"` } } };
  }
  const result = commands[command as Command].request.safeParse(payload ?? {});
  if (result.success) return { ok: true, command: command as Command, request: result.data };
  const detail = result.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'request'}: ${issue.message}`).join('; ');
  return { ok: false, reply: { ok: false, error: { code: 'invalid-request', message: `${command}: ${detail}` } } };
}

/** Browser mode's WebSocket frames: requests carry an id their reply echoes; event batches arrive unasked. */
export type WsClientMessage = { id: number; command: string; request: unknown };
export type WsServerMessage = { id: number; reply: Reply } | { events: EngineEvent[] };
