// The contract's handlers: what every door (Electron IPC, browser-mode WebSocket) calls, validated the same way.
import { OrchestrationError, ValidationError } from '../../shared/errors.js';
import { EventBatcher } from '../../shared/event-batcher.js';
import { parseRequest, type AppInfo, type Command, type EditorContext, type EventBatch, type IpcError, type Reply, type RequestOf, type ResponseOf } from '../../shared/ipc.js';
import type { Project, RunOrigin } from '../../shared/model.js';
import type { OrchestrationEngine } from './orchestration-engine.js';
import { WorkflowConflictError, WorkflowDocuments } from './workflow-documents.js';

export interface ApiContext {
  mode: AppInfo['mode'];
  version: string;
  /** The project the door opened on, if any. */
  projectId: string | null;
  /** Who starts the runs this door asks for, as history shows it (default: the app). */
  origin?: RunOrigin;
}

type Handlers = { [C in Command]: (request: RequestOf<C>) => ResponseOf<C> | Promise<ResponseOf<C>> };

export class EngineApi {
  private readonly handlers: Handlers;
  private readonly documents: WorkflowDocuments;

  constructor(
    private readonly engine: OrchestrationEngine,
    private readonly context: ApiContext,
  ) {
    this.documents = new WorkflowDocuments({
      workflowsDir: (project) => engine.projectManager.workflowsDir(project),
      validate: (workflow, file) => engine.workflowManager.validateWorkflow(workflow, file),
      announce: (project, file, name, revision) => engine.workflowWatcher.announce(project.id, file, name, revision),
      folderCreated: (project) => engine.workflowWatcher.watchProject(project),
    });
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
    // Workflow files are watched only while someone listens: the editor learns of changes made outside it.
    const release = this.engine.workflowWatcher.acquire();
    return {
      batcher,
      close() {
        release();
        off();
        batcher.close();
      },
    };
  }

  private createHandlers(): Handlers {
    const engine = this.engine;
    const origin: RunOrigin = this.context.origin ?? 'app';
    return {
      'app.info': () => ({ version: this.context.version, mode: this.context.mode, home: engine.paths.home, platform: process.platform, projectId: this.context.projectId }),
      'projects.list': () => engine.projectManager.listProjects(),
      'workflows.list': ({ projectId }) => this.documents.list(this.project(projectId)),
      'workflows.get': ({ projectId, name }) => this.documents.get(this.project(projectId), name),
      'workflows.save': ({ projectId, ...request }) => this.documents.save(this.project(projectId), request),
      'workflows.delete': ({ projectId, name }) => ({ deleted: this.documents.delete(this.project(projectId), name) }),
      'workflows.parse': ({ text, fileName }) => this.documents.parse(text, fileName),
      'workflows.render': ({ workflow, format }) => ({ text: this.documents.render(workflow, format) }),
      'editor.context': () => this.editorContext(),
      'runs.start': ({ projectId, workflowName, params, sessionId }) => {
        const project = this.project(projectId);
        const file = this.documents.require(project, workflowName);
        const handle = engine.runWorkflowFile(file, { params: params ?? {}, origin, projectId: project.id, sessionId: sessionId ?? null, cwd: project.path });
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

  /** What live validation in the editor needs to check exactly as the engine does; env values never leave the engine. */
  private editorContext(): EditorContext {
    const resources = Object.fromEntries(this.engine.resourceManager.listResources().map((r) => [r.id, { capacity: r.capacity, unit: r.unit }]));
    return { resources, env: Object.keys(process.env).sort() };
  }
}

function toIpcError(error: unknown): IpcError {
  if (error instanceof ValidationError) return { code: 'invalid-workflow', message: error.message, problems: error.problems };
  if (error instanceof WorkflowConflictError) return { code: 'conflict', message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof OrchestrationError && /^unknown /.test(message)) return { code: 'not-found', message };
  return { code: 'failed', message };
}
