// The contract's handlers: what every door (Electron IPC, browser-mode WebSocket) calls, validated the same way.
import { ConfirmationNeededError, ConflictError, NotFoundError, ValidationError } from '../../shared/errors.js';
import { EventBatcher } from '../../shared/event-batcher.js';
import { parseRequest, type AppInfo, type Command, type EditorContext, type EventBatch, type IpcError, type Reply, type RequestOf, type ResponseOf, type RunDetail, type RunLogSlice } from '../../shared/ipc.js';
import type { RunOrigin } from '../../shared/model.js';
import type { OrchestrationEngine } from './orchestration-engine.js';
import { RunControl } from './runs/run-control.js';
import { createSampleProject } from './projects/sample-project.js';
import { readEngineLog } from './logging/engine-log-reader.js';
import { readLogSlice } from './store/log-reader.js';
import { runStats } from './store/run-stats.js';
import { WorkflowDocuments } from './workflows/workflow-documents.js';
import { ProjectApi } from './projects/project-api.js';

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
  private readonly runs: RunControl;
  private readonly projects: ProjectApi;

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
    this.projects = new ProjectApi(engine);
    this.runs = new RunControl(engine, context.origin ?? 'app', (project, name) => this.documents.load(project, name));
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
  subscribe(send: (batch: EventBatch) => void, intervalMs?: number, watchFilesFrom?: Promise<unknown>): { close(): void; batcher: EventBatcher } {
    const batcher = new EventBatcher((events) => send({ events }), intervalMs);
    const off = this.engine.events.on((event) => batcher.add(event));
    // Workflow files are watched only while someone listens: the editor learns of changes made outside it. Starting
    // reads every project's workflow files, so a door may hold it until its page has had its first reply.
    let closed = false;
    let release = (): void => {};
    const watch = (): void => {
      if (!closed) release = this.engine.workflowWatcher.acquire();
    };
    if (watchFilesFrom === undefined) watch();
    else void watchFilesFrom.then(watch);
    // Running steps' output is read and pushed only while someone listens, too.
    const releaseLogs = this.engine.logTailer.acquire();
    // And the machine is sampled only while someone watches.
    const releaseMonitor = this.engine.resourceMonitor.subscribe((sample) => batcher.add({ type: 'resource.sample', sample }));
    return {
      batcher,
      close() {
        closed = true;
        release();
        releaseLogs();
        releaseMonitor();
        off();
        batcher.close();
      },
    };
  }

  private createHandlers(): Handlers {
    const engine = this.engine;
    return {
      'app.info': () => ({ version: this.context.version, mode: this.context.mode, home: engine.paths.home, platform: process.platform, projectId: this.context.projectId, notices: engine.notices.list() }),
      'projects.list': () => engine.projectManager.listProjects(),
      'workflows.list': ({ projectId }) => this.documents.list(this.engine.projectManager.requireProject(projectId)),
      'workflows.get': ({ projectId, name }) => this.documents.get(this.engine.projectManager.requireProject(projectId), name),
      'workflows.save': ({ projectId, ...request }) => this.documents.save(this.engine.projectManager.requireProject(projectId), request),
      'workflows.delete': ({ projectId, name }) => ({ deleted: this.documents.delete(this.engine.projectManager.requireProject(projectId), name) }),
      'workflows.parse': ({ text, fileName }) => this.documents.parse(text, fileName),
      'workflows.render': ({ workflow, format }) => ({ text: this.documents.render(workflow, format) }),
      'editor.context': () => this.editorContext(),
      'runs.start': (request) => this.runs.start(request),
      'runs.planSelection': (request) => this.runs.previewSelection(request),
      'runs.cancel': ({ executionId }) => ({ cancelled: engine.cancelExecution(executionId) }),
      'runs.cancelStep': ({ executionId, step }) => ({ cancelled: this.runs.cancelStep(executionId, step) }),
      'runs.rerun': ({ executionId, from }) => this.runs.rerun(executionId, from),
      'runs.log': ({ executionId, step, offset, length }) => this.readLog(executionId, step, offset, length),
      'runs.stats': ({ workflowName, projectId, limit }) => engine.store.read((db) => runStats(db, { workflowName, projectId, limit })),
      'runs.get': ({ executionId }) => this.runDetail(executionId),
      'runs.list': ({ limit, ...filters }) => engine.store.listExecutions({ ...filters, limit: limit ?? 100, withSteps: false }),
      'sessions.list': () => engine.listSessions(),
      'sessions.create': ({ name, projectId, env, variables }) => engine.createSession(name, { projectId: projectId ?? null, env, variables }),
      'sessions.update': ({ sessionId, ...changes }) => engine.updateSession(sessionId, definedOnly(changes)),
      'sessions.close': ({ sessionId }) => engine.closeSession(sessionId),
      'resources.list': () => this.projects.resources(),
      'resources.define': (declaration) => engine.userResources.define(declaration),
      'resources.remove': async ({ id }) => {
        await engine.userResources.remove(id);
        return { removed: true };
      },
      'resources.history': () => ({ system: engine.resourceMonitor.systemHistory() }),
      'projects.dashboard': ({ days }) => this.projects.dashboard(days),
      'projects.history': ({ projectId, days }) => this.projects.history(projectId, days),
      'projects.add': ({ path, name, confirmBroadFolder }) => engine.projectManager.addProject(path, name, { confirmBroadFolder: confirmBroadFolder === true }),
      'projects.createSample': () => createSampleProject(engine.projectManager, engine.paths.home),
      'projects.create': ({ name, parentDir, template, description }) => engine.projectManager.createProject({ name, parentDir, ...(template !== undefined ? { template } : {}), ...(description !== undefined ? { description } : {}) }),
      'projects.update': ({ projectId, status, statusFollowsRuns }) => engine.projectManager.updateProject(projectId, { ...(status !== undefined ? { status } : {}), ...(statusFollowsRuns !== undefined ? { statusFollowsRuns } : {}) }),
      'projects.remove': ({ projectId }) => this.projects.remove(projectId),
      'projects.open': ({ projectId, target }) => this.projects.open(projectId, target),
      'templates.list': () => this.projects.templates(),
      'templates.saveFromProject': ({ projectId, name, description }) => this.projects.saveTemplate(projectId, name, description),
      'actions.list': () => engine.registry.list(),
      'engineLog.read': (request) => readEngineLog(engine.paths.logs, request),
      'workers.list': () => engine.queue.workersStatus(),
      'queue.configure': ({ redisUrl }) => engine.configureQueue(redisUrl),
      'cache.stats': () => engine.cacheStats(),
      'cache.clear': () => engine.clearCache(),
    };
  }

  private runDetail(executionId: string): RunDetail | null {
    const execution = this.engine.getExecution(executionId);
    return execution === null ? null : { ...execution, workflow: this.engine.store.getWorkflowSnapshot(executionId) };
  }

  private readLog(executionId: string, step: string, offset?: number, length?: number): RunLogSlice {
    const execution = this.engine.getExecution(executionId);
    if (execution === null) throw new NotFoundError('run', `unknown run "${executionId}"`);
    const run = Object.hasOwn(execution.steps, step) ? execution.steps[step] : undefined;
    if (run === undefined) throw new NotFoundError('step', `unknown step "${step}" in run "${executionId}" of ${execution.workflowName}`);
    // A running step's record names its log only once it ends; until then it is where ExecutionLogs puts it.
    return readLogSlice(run.logPath ?? this.engine.taskOrchestrator.logPathOf(executionId, step), offset, length);
  }


  /** What live validation in the editor needs to check exactly as the engine does; env values never leave the engine. */
  private editorContext(): EditorContext {
    const resources = Object.fromEntries(this.engine.resourceManager.listResources().map((r) => [r.id, { capacity: r.capacity, unit: r.unit }]));
    return { resources, env: Object.keys(process.env).sort() };
  }
}

/** Leaves out what a request did not set, so an update changes only what it names. */
function definedOnly<T extends object>(changes: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

function toIpcError(error: unknown): IpcError {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof ValidationError) return { code: 'invalid-workflow', message, problems: error.problems };
  if (error instanceof ConflictError) return { code: 'conflict', message };
  if (error instanceof ConfirmationNeededError) return { code: 'needs-confirmation', message };
  if (error instanceof NotFoundError) return { code: 'not-found', message };
  return { code: 'failed', message };
}
