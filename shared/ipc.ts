// The one contract between the engine and every UI door (Electron IPC, the browser-mode WebSocket): commands with
// zod-validated requests and typed responses, and the events the engine pushes. Nothing else crosses the boundary.
import { z } from 'zod';
import type { Problem } from './errors.js';
import type { EngineEvent } from './events.js';
import type { Project, Resource, ResourceAllocation, Session, Workflow, WorkflowExecution } from './model.js';
import { EXECUTION_STATUSES } from './model.js';

/** A response type, carried by the contract for the type checker only. */
const returns = <T>(): T => undefined as unknown as T;

const id = z.string().min(1).max(200);
const name = z.string().min(1).max(200);

export interface WorkflowEntry {
  name: string;
  description: string;
  steps: number;
  file: string;
  /** Problems that keep it from running; empty when valid. */
  problems: Problem[];
}

export interface ActionInfo {
  module: string;
  action: string;
  description: string;
  icon: string;
  outputs: readonly string[];
  openOutputs: boolean;
  paramsSchema: unknown;
}

export interface AppInfo {
  version: string;
  mode: 'electron' | 'browser';
  home: string;
  platform: string;
  /** The project the app opened on (browser mode's DIR), if any. */
  projectId: string | null;
}

export const commands = {
  'app.info': { request: z.object({}).strict(), response: returns<AppInfo>() },
  'projects.list': { request: z.object({}).strict(), response: returns<Project[]>() },
  'workflows.list': { request: z.object({ projectId: id }).strict(), response: returns<WorkflowEntry[]>() },
  'workflows.get': {
    request: z.object({ projectId: id, name }).strict(),
    response: returns<{ workflow: Workflow | null; file: string; problems: Problem[] }>(),
  },
  'runs.start': {
    request: z.object({ projectId: id, workflowName: name, params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(), sessionId: id.optional() }).strict(),
    response: returns<{ executionId: string }>(),
  },
  'runs.cancel': { request: z.object({ executionId: id }).strict(), response: returns<{ cancelled: boolean }>() },
  'runs.get': { request: z.object({ executionId: id }).strict(), response: returns<WorkflowExecution | null>() },
  'runs.list': {
    request: z.object({
      projectId: id.optional(),
      workflowName: name.optional(),
      status: z.enum(EXECUTION_STATUSES).optional(),
      limit: z.number().int().min(1).max(1000).optional(),
    }).strict(),
    response: returns<WorkflowExecution[]>(),
  },
  'sessions.list': { request: z.object({}).strict(), response: returns<Session[]>() },
  'sessions.create': { request: z.object({ name, projectId: id.optional() }).strict(), response: returns<Session>() },
  'resources.list': {
    request: z.object({}).strict(),
    response: returns<(Resource & { available: number; allocations: ResourceAllocation[] })[]>(),
  },
  'actions.list': { request: z.object({}).strict(), response: returns<ActionInfo[]>() },
} as const;

export type Command = keyof typeof commands;
export type RequestOf<C extends Command> = z.input<(typeof commands)[C]['request']>;
export type ResponseOf<C extends Command> = (typeof commands)[C]['response'];
export const COMMANDS = Object.keys(commands) as Command[];

export type IpcErrorCode = 'unknown-command' | 'invalid-request' | 'not-found' | 'invalid-workflow' | 'failed';

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
