// The contract's handlers: what every door (Electron IPC, browser-mode WebSocket) calls, validated the same way.
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { OrchestrationError, ValidationError, WorkflowError } from '../../shared/errors.js';
import { EventBatcher } from '../../shared/event-batcher.js';
import { parseRequest, type AppInfo, type Command, type EventBatch, type IpcError, type Reply, type RequestOf, type ResponseOf, type WorkflowEntry } from '../../shared/ipc.js';
import type { Project, RunOrigin } from '../../shared/model.js';
import type { OrchestrationEngine } from './orchestration-engine.js';
import { loadWorkflowFile } from './workflow-file.js';

export interface ApiContext {
  mode: AppInfo['mode'];
  version: string;
  /** The project the door opened on, if any. */
  projectId: string | null;
}

type Handlers = { [C in Command]: (request: RequestOf<C>) => ResponseOf<C> | Promise<ResponseOf<C>> };

export class EngineApi {
  private readonly handlers: Handlers;

  constructor(
    private readonly engine: OrchestrationEngine,
    private readonly context: ApiContext,
  ) {
    this.handlers = this.createHandlers();
  }

  /** Validates the payload against the contract and runs the command; never throws. */
  async dispatch(command: string, payload: unknown): Promise<Reply> {
    const parsed = parseRequest(command, payload);
    if (!parsed.ok) return parsed.reply;
    try {
      const handler = this.handlers[parsed.command] as (request: unknown) => unknown;
      return { ok: true, value: await handler(parsed.request) };
    } catch (error) {
      return { ok: false, error: toIpcError(error) };
    }
  }

  /** Forwards the engine's events in batches (≤ 60 pushes a second); returns the unsubscribe function. */
  subscribe(send: (batch: EventBatch) => void, intervalMs?: number): { close(): void; batcher: EventBatcher } {
    const batcher = new EventBatcher((events) => send({ events }), intervalMs);
    const off = this.engine.events.on((event) => batcher.add(event));
    return {
      batcher,
      close() {
        off();
        batcher.close();
      },
    };
  }

  private createHandlers(): Handlers {
    const engine = this.engine;
    const origin: RunOrigin = 'app';
    return {
      'app.info': () => ({ version: this.context.version, mode: this.context.mode, home: engine.paths.home, platform: process.platform, projectId: this.context.projectId }),
      'projects.list': () => engine.projectManager.listProjects(),
      'workflows.list': ({ projectId }) => this.workflowEntries(this.project(projectId)),
      'workflows.get': ({ projectId, name }) => {
        const entry = this.findWorkflow(this.project(projectId), name);
        try {
          return { workflow: loadWorkflowFile(entry.file).workflow, file: entry.file, problems: entry.problems };
        } catch (error) {
          if (error instanceof ValidationError) return { workflow: null, file: entry.file, problems: error.problems };
          throw error;
        }
      },
      'runs.start': ({ projectId, workflowName, params, sessionId }) => {
        const project = this.project(projectId);
        const entry = this.findWorkflow(project, workflowName);
        const handle = engine.runWorkflowFile(entry.file, { params: params ?? {}, origin, projectId: project.id, sessionId: sessionId ?? null, cwd: project.path });
        return { executionId: handle.executionId };
      },
      'runs.cancel': ({ executionId }) => ({ cancelled: engine.cancelExecution(executionId) }),
      'runs.get': ({ executionId }) => engine.getExecution(executionId),
      'runs.list': ({ projectId, workflowName, status, limit }) =>
        engine.store.listExecutions({ projectId, workflowName, status, limit: limit ?? 100, withSteps: false }),
      'sessions.list': () => engine.listSessions(),
      'sessions.create': ({ name, projectId }) => engine.getSession(engine.createSession(name, { projectId: projectId ?? null }))!,
      'resources.list': () => engine.getSystemStatus().resources,
      'actions.list': () => engine.registry.list(),
    };
  }

  private project(projectId: string): Project {
    const project = this.engine.projectManager.getProject(projectId);
    if (project === null) throw new OrchestrationError(`unknown project "${projectId}"`);
    return project;
  }

  /** Every workflow file of the project, valid or not: an invalid one is listed with its problems, never hidden. */
  private workflowEntries(project: Project): WorkflowEntry[] {
    const dir = this.engine.projectManager.workflowsDir(project);
    if (!existsSync(dir)) return [];
    return readdirSync(dir).filter((file) => /\.(ya?ml|json)$/i.test(file)).sort().map((file) => {
      const path = join(dir, file);
      try {
        const { workflow } = loadWorkflowFile(path);
        const problems = this.engine.workflowManager.validateWorkflow(workflow, path);
        return { name: workflow.name, description: workflow.description, steps: workflow.steps.length, file: path, problems };
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return { name: basename(file).replace(/\.(ya?ml|json)$/i, ''), description: '', steps: 0, file: path, problems: error.problems };
      }
    });
  }

  private findWorkflow(project: Project, name: string): WorkflowEntry {
    const entries = this.workflowEntries(project);
    const entry = entries.find((candidate) => candidate.name === name);
    if (entry === undefined) throw new WorkflowError(`unknown workflow "${name}" in project "${project.name}" (known: ${entries.map((e) => e.name).join(', ') || 'none'})`);
    return entry;
  }
}

function toIpcError(error: unknown): IpcError {
  if (error instanceof ValidationError) return { code: 'invalid-workflow', message: error.message, problems: error.problems };
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof OrchestrationError && /^unknown /.test(message)) return { code: 'not-found', message };
  return { code: 'failed', message };
}
