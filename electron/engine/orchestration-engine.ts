// OrchestrationEngine: owns the four managers, sessions, the event stream and health; one per process.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { freemem, loadavg, totalmem } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { NotFoundError, OrchestrationError } from '../../shared/errors.js';
import { executionSummary } from '../../shared/events.js';
import type { RunOrigin, Session, WorkerInfo, Workflow, WorkflowExecution } from '../../shared/model.js';
import { assertName } from '../../shared/names.js';
import { sessionAppliesTo } from '../../shared/session-scope.js';
import { createBuiltinRegistry } from './actions/builtin.js';
import type { ActionRegistry } from './actions/registry.js';
import { EventBus } from './event-bus.js';
import { SubflowRunner } from './runs/subflow-runner.js';
import { ProjectManager } from './projects/project-manager.js';
import { ProjectStatusFollower } from './projects/project-status-follower.js';
import { ResourceManager } from './resources/resource-manager.js';
import { DatabaseFile } from './store/database-file.js';
import { MachineLeases } from './resources/machine-leases.js';
import type { Db } from './store/database.js';
import { EngineNotices } from './notices.js';
import { defaultHome, homePaths, type HomePaths } from './store/paths.js';
import { SessionStore, ProjectStore } from './store/registry-store.js';
import { RunStore } from './store/run-store.js';
import { TaskOrchestrator, type ExecutionHandle, type RunOptions } from './runs/task-orchestrator.js';
import { builtinTemplates } from './projects/templates/index.js';
import type { ProjectTemplate } from './projects/templates/template.js';
import { LogTailer } from './runs/log-tailer.js';
import { DEFAULT_LOG_CAP_BYTES } from './store/log-cap.js';
import { ParsedWorkflowCache } from './workflows/parsed-workflow-cache.js';
import { loadWorkflowFile } from './workflows/workflow-file.js';
import { workingDirFor } from './workflows/find-workflows.js';
import { serveStandaloneManagers, WorkflowManager, type WorkflowManagerDeps } from './workflows/workflow-manager.js';
import { WorkflowWatcher } from './workflows/workflow-watcher.js';
import { ResourceMonitor } from './resources/resource-monitor.js';
import { RunningProcesses } from './processes/running-processes.js';
import { RunRetention } from './runs/run-retention.js';
import { openSettings, type SettingsStore } from './store/settings-store.js';
import { UserResources } from './resources/user-resources.js';
import { loadTemplates } from './projects/templates/template-folder.js';
import { EngineQueue } from './queue/engine-queue.js';
import type { QueueStatus } from '../../shared/ipc.js';
import { redisUrlProblem } from '../../shared/workers.js';
import { cacheLocation } from './cache/cache-location.js';
import { StepCache } from './cache/step-cache.js';
import type { CacheStats } from '../../shared/model.js';

/** The settings key of the app's queue: `{ redisUrl }`, the URL null when steps run here only. */
export const QUEUE_SETTING = 'queue';

export interface EngineOptions {
  /** Data folder (database, logs); defaults to $CODOMYRMEX_HOME or the platform's app-data folder. */
  home?: string;
  registry?: ActionRegistry;
  templates?: readonly ProjectTemplate[];
  /** Most bytes of a step's log kept on disk (default 64 MiB, or $CODOMYRMEX_LOG_CAP_BYTES); past it the file is cut back with a marker. */
  logCapBytes?: number;
  /** Where settings live (user-defined resources); defaults to settings.json in the data folder. */
  settings?: SettingsStore;
}

export class OrchestrationEngine {
  readonly events = new EventBus();
  /** What the user must know that no request asked (storage faults, broken files): stderr, events, and kept for late doors. */
  readonly notices = new EngineNotices(this.events, (message) => void process.stderr.write(`codomyrmex: ${message}\n`));
  readonly paths: HomePaths;
  /** Workflow files' parsed forms by content hash ($CODOMYRMEX_HOME/parsed-workflows/): `run FILE` of an unchanged file skips the parsers. */
  private readonly parsedWorkflows: ParsedWorkflowCache;
  /** The run database: a garbled file is moved aside and replaced, a failing disk reported, never fatal. */
  readonly databaseFile: DatabaseFile;
  readonly registry: ActionRegistry;
  /** What this process holds of the machine's resources, in the database every process shares. */
  private readonly leases = new MachineLeases(() => this.database());
  /** Admits against the leases of every process on the machine. */
  readonly resourceManager = new ResourceManager(this.leases);
  readonly store: RunStore;
  readonly workflowManager: WorkflowManager;
  readonly taskOrchestrator: TaskOrchestrator;
  readonly projectManager: ProjectManager;
  /** Announces workflow files changed on disk while a door listens to events. */
  readonly workflowWatcher: WorkflowWatcher;
  /** Follows running steps' logs: live step.log events while a door listens, and each log's cap on disk. */
  readonly logTailer: LogTailer;
  /** The processes steps run now, for the resource monitor. */
  readonly runningProcesses = new RunningProcesses();
  /** Samples the machine and running steps once a second while a door listens. */
  readonly resourceMonitor = new ResourceMonitor({ runningProcesses: () => this.runningProcesses.list() });
  /** Resources users declared (`gpu: 1`), kept in the settings. */
  readonly userResources: UserResources;
  /** Prunes old runs and their logs: on demand, and by the `retention` setting at most once a day. */
  readonly retention: RunRetention;
  /** Steps on worker machines through BullMQ on Redis, when turned on (`run --redis`, the app's setting). */
  readonly queue = new EngineQueue(this.events);
  /** Cached steps' results (issue 18): at $CODOMYRMEX_HOME/cache or the shared location configured. */
  readonly cache: StepCache;
  private readonly sessions: SessionStore;
  private readonly settings: SettingsStore;
  private readonly startedAt = Date.now();
  /** Child runs of `workflow.run` steps (subflows). */
  private readonly subflows = new SubflowRunner({
    start: (workflow, options) => this.runWorkflow(workflow, options),
    cancel: (executionId) => this.cancelExecution(executionId),
    getExecution: (executionId) => this.getExecution(executionId),
    liveRun: (executionId) => this.taskOrchestrator.liveRun(executionId),
    known: (name) => this.workflowManager.known(name),
  });
  constructor(options: EngineOptions = {}) {
    this.paths = homePaths(options.home ?? defaultHome());
    this.parsedWorkflows = new ParsedWorkflowCache(join(this.paths.home, 'parsed-workflows'));
    this.registry = options.registry ?? createBuiltinRegistry();
    this.databaseFile = new DatabaseFile(this.paths.database, this.notices);
    this.store = new RunStore(this.databaseFile, (id) => this.taskOrchestrator.isActive(id), this.notices, (execution) => {
      this.events.emit({ type: 'execution.updated', execution: executionSummary(execution) });
    });
    this.sessions = new SessionStore(this.databaseFile);
    this.workflowManager = new WorkflowManager(this.managerDeps());
    const warn = (message: string): void => void process.stderr.write(`codomyrmex: ${message}\n`);
    this.projectManager = new ProjectManager(
      new ProjectStore(this.databaseFile),
      this.events,
      () => [...(options.templates ?? builtinTemplates()), ...loadTemplates(this.paths.templates, warn)],
      (project) => this.store.linkRunsToProject(project, sep),
    );
    const settings = (this.settings = options.settings ?? openSettings(this.paths.home, (message) => void this.notices.raise('warning', message)));
    this.userResources = new UserResources(settings, this.resourceManager);
    this.cache = new StepCache(() => cacheLocation(this.paths.home, settings, process.env, warn), this.paths.home);
    this.retention = new RunRetention(this.store, this.paths.logs, this.paths.home, settings, warn);
    this.userResources.load(warn);
    this.workflowWatcher = new WorkflowWatcher(this.events, this.projectManager);
    this.logTailer = new LogTailer(this.events, options.logCapBytes ?? logCapFromEnv() ?? DEFAULT_LOG_CAP_BYTES);
    this.taskOrchestrator = new TaskOrchestrator({
      registry: this.registry,
      resources: this.resourceManager,
      store: this.store,
      events: this.events,
      workflows: this.workflowManager,
      logsRoot: this.paths.logs,
      logTailer: this.logTailer,
      processes: this.runningProcesses,
      runSubWorkflow: (request, parent, signal, progress) => this.subflows.run(request, parent, signal, progress),
      remote: () => this.queue.executor(),
      projectName: (projectId) => this.projectManager.getProject(projectId)?.name ?? null,
      cache: this.cache,
    });
    // Opt-in per project: a project that never turned it on costs one lookup per run start and end.
    new ProjectStatusFollower(this.projectManager, this.store, this.notices).listen(this.events);
    this.resourceManager.on('allocated', (allocation) => this.events.wants('resource.allocated') && this.events.emit({ type: 'resource.allocated', allocation }));
    this.resourceManager.on('released', (allocation) => this.events.wants('resource.released') && this.events.emit({ type: 'resource.released', allocation }));
    this.resourceManager.on('changed', (resource) => this.events.emit({ type: 'resource.changed', id: resource.id, resource }));
    this.resourceManager.on('removed', (id) => this.events.emit({ type: 'resource.changed', id, resource: null }));
  }

  /** What a WorkflowManager of this engine works with (its own, and standalone ones the process makes). */
  managerDeps(): WorkflowManagerDeps {
    return {
      registry: this.registry,
      resources: this.resourceManager,
      store: this.store,
      workflowsDir: this.paths.workflows,
      start: (workflow, options) => this.runWorkflow(workflow, options),
      cancel: (executionId) => this.cancelExecution(executionId),
    };
  }

  private database(): Db {
    return this.databaseFile.connection;
  }

  /** Opens a session and returns it (its `sessionId` names it in every later call). */
  createSession(name: string, options: { projectId?: string | null; env?: Record<string, string>; variables?: Record<string, string> } = {}): Session {
    assertName('session', name);
    if (options.projectId != null && this.projectManager.getProject(options.projectId) === null) {
      throw new NotFoundError('project', `unknown project "${options.projectId}"`);
    }
    const session: Session = {
      sessionId: randomUUID(),
      name,
      projectId: options.projectId ?? null,
      createdAt: Date.now(),
      status: 'active',
      variables: options.variables ?? {},
      env: options.env ?? {},
    };
    this.saveSession(session);
    return session;
  }

  /** Saves a session made elsewhere (an upstream import) under its own id. */
  restoreSession(session: Session): void {
    assertName('session', session.name);
    this.saveSession(session);
  }

  getSession(sessionId: string): Session | null {
    return this.sessions.get(sessionId);
  }

  listSessions(): Session[] {
    return this.sessions.list();
  }

  updateSession(sessionId: string, changes: Partial<Pick<Session, 'name' | 'env' | 'variables' | 'status' | 'projectId'>>): Session {
    const session = this.requireSession(sessionId);
    if (changes.name !== undefined) assertName('session', changes.name);
    if (changes.projectId != null && this.projectManager.getProject(changes.projectId) === null) {
      throw new NotFoundError('project', `unknown project "${changes.projectId}" for session "${session.name}"`);
    }
    const updated = { ...session, ...changes };
    this.saveSession(updated);
    return updated;
  }

  closeSession(sessionId: string): Session {
    return this.updateSession(sessionId, { status: 'closed' });
  }

  /** Runs a workflow in a session: the session's project folder is the working directory, its env applies. */
  executeWorkflowInSession(sessionId: string, workflowName: string, params: Record<string, unknown> = {}, origin: RunOrigin = 'api'): Promise<WorkflowExecution> {
    return this.startWorkflowInSession(sessionId, workflowName, params, origin).done;
  }

  startWorkflowInSession(sessionId: string, workflowName: string, params: Record<string, unknown> = {}, origin: RunOrigin = 'api'): ExecutionHandle {
    const session = this.openSession(sessionId);
    const project = session.projectId === null ? null : this.projectManager.getProject(session.projectId);
    const projectFile = project === null ? null : join(this.projectManager.workflowsDir(project), `${workflowName}.yaml`);
    let workflow = this.workflowManager.getWorkflow(workflowName);
    let file = this.workflowManager.getWorkflowFile(workflowName);
    if (projectFile !== null && existsSync(projectFile)) {
      workflow = this.workflowManager.loadWorkflowFile(projectFile);
      file = projectFile;
    }
    if (workflow === undefined) throw new NotFoundError('workflow', `unknown workflow "${workflowName}"${project ? ` (looked in ${this.projectManager.workflowsDir(project)})` : ''}`);
    return this.runWorkflow(workflow, {
      params,
      origin,
      sessionId,
      // A session's project is the run's; a session bound to none runs a workflow of whichever project holds its file.
      ...(project !== null ? { projectId: project.id } : {}),
      // Without a project, a session works where its caller is, as the upstream toolkit does.
      cwd: project?.path ?? process.cwd(),
      file,
    });
  }

  /** Runs a workflow file; its folder (or its project's, for `.codomyrmex/workflows/`) is the working directory. */
  runWorkflowFile(file: string, options: RunOptions = {}): ExecutionHandle {
    const path = resolve(file);
    return this.runWorkflow(loadWorkflowFile(path, this.parsedWorkflows).workflow, { ...options, file: path });
  }

  /**
   * Starts a run: every door's runs come through here, with the workflow already loaded. It is recorded under its
   * project: the one named, else the registered project holding its file (or its working directory). Its session must
   * be open and of that project (its folder, environment and history are that project's: a run never silently mixes
   * two), and lends the steps its environment and variables.
   */
  runWorkflow(workflow: Workflow, options: RunOptions = {}): ExecutionHandle {
    const file = options.file ?? null;
    const cwd = options.cwd ?? (file !== null ? workingDirFor(file) : process.cwd());
    const projectId = options.projectId !== undefined ? options.projectId : (this.projectManager.findProjectContaining(file ?? cwd)?.id ?? null);
    const session = options.sessionId == null ? null : this.sessionFor(options.sessionId, projectId, workflow.name);
    // Variables and environment overrides both reach the steps as environment variables.
    const env = session === null ? {} : { ...session.env, ...session.variables };
    return this.taskOrchestrator.start(workflow, { ...options, file, cwd, projectId, env });
  }

  /** The session a new run of `projectId` is started in: it must exist, be open, and be bound to no other project. */
  private sessionFor(sessionId: string, projectId: string | null, workflowName: string): Session {
    const session = this.openSession(sessionId);
    if (sessionAppliesTo(session, projectId)) return session;
    const bound = this.projectManager.getProject(session.projectId!)?.name ?? session.projectId;
    const own = projectId === null ? null : (this.projectManager.getProject(projectId)?.name ?? projectId);
    throw new OrchestrationError(own === null
      ? `session "${session.name}" is bound to project "${bound}": it does not run ${workflowName}, which belongs to no registered project (run it without a session)`
      : `session "${session.name}" is bound to project "${bound}": it does not run ${workflowName} of project "${own}" (run it without a session, or in a session of "${own}")`);
  }

  cancelExecution(executionId: string): boolean {
    return this.taskOrchestrator.cancel(executionId);
  }

  getExecution(executionId: string): WorkflowExecution | null {
    return this.store.getExecution(executionId);
  }

  /** Turns the queue on (a Redis URL, kept in the settings as `queue: { redisUrl }`) or off; bad URLs are refused, named. */
  async configureQueue(redisUrl: string | null): Promise<QueueStatus> {
    if (redisUrl !== null) {
      const problem = redisUrlProblem(redisUrl);
      if (problem !== null) throw new OrchestrationError(`the queue's Redis URL: ${problem}`);
    }
    const status = await this.queue.configure(redisUrl);
    await this.settings.set(QUEUE_SETTING, { redisUrl });
    return status;
  }

  /** Turns the queue on when the settings say so (the app, serve, MCP); a Redis that cannot be reached is a notice. */
  async startQueueFromSettings(): Promise<void> {
    const setting = this.settings.get(QUEUE_SETTING) as { redisUrl?: unknown } | undefined;
    const url = typeof setting?.redisUrl === 'string' ? setting.redisUrl : null;
    if (url === null) return;
    try {
      await this.queue.configure(url);
    } catch (error) {
      this.notices.raise('warning', `the queue is off: ${(error as Error).message} (steps run on this machine)`);
    }
  }

  /** The step cache's location, size and cap (the Resources view, `codomyrmex cache stats`, MCP). */
  async cacheStats(): Promise<CacheStats> {
    return this.cache.stats();
  }

  /** Empties the step cache (every stored result); returns its stats after. */
  async clearCache(): Promise<CacheStats> {
    return this.cache.clear();
  }

  /** The connected workers (their last heartbeat, pool, slots, what they run); none while the queue is off. */
  workers(): WorkerInfo[] {
    return this.queue.workers();
  }

  getHealthStatus() {
    let database: 'ok' | string = this.store.failing ? `records cannot be saved to ${this.paths.database} (retrying)` : 'ok';
    try {
      this.databaseFile.use((db) => db.prepare('SELECT 1').get());
    } catch (error) {
      database = (error as Error).message;
    }
    const active = this.taskOrchestrator.activeExecutionIds();
    return {
      status: database === 'ok' ? ('healthy' as const) : ('degraded' as const),
      uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
      activeExecutions: active.length,
      database,
      home: this.paths.home,
      actions: this.registry.list().length,
    };
  }

  getSystemStatus() {
    return {
      ...this.getHealthStatus(),
      load: loadavg(),
      memory: { totalMB: Math.round(totalmem() / 1048576), freeMB: Math.round(freemem() / 1048576) },
      resources: this.resourceManager.listResources().map((resource) => ({
        ...resource,
        available: this.resourceManager.getAvailableCapacity(resource.id),
        allocations: this.resourceManager.getAllocations(resource.id),
      })),
      activeExecutionIds: this.taskOrchestrator.activeExecutionIds(),
      sessions: this.listSessions().filter((s) => s.status === 'active').length,
      projects: this.projectManager.listProjects().length,
    };
  }

  /** Cancels what runs, writes what is pending and closes the database. */
  async close(): Promise<void> {
    this.workflowWatcher.close();
    this.resourceMonitor.stop();
    await this.taskOrchestrator.cancelAll();
    await this.queue.close();
    this.logTailer.close();
    this.retention.finish();
    this.cache.close();
    this.store.close();
    if (this.databaseFile.isOpen) {
      try {
        this.leases.flush();
      } catch {
        // A failing disk: the leases of a process that is gone are reclaimed by the next one that needs the room.
      }
    }
    this.databaseFile.close();
  }

  private requireSession(sessionId: string): Session {
    const session = this.sessions.get(sessionId);
    if (session === null) throw new NotFoundError('session', `unknown session "${sessionId}"`);
    return session;
  }

  /** A session that starts new runs: closed ones keep their history but start none. */
  private openSession(sessionId: string): Session {
    const session = this.requireSession(sessionId);
    if (session.status === 'closed') throw new OrchestrationError(`session "${session.name}" is closed: it starts no new runs (start it in an open session)`);
    return session;
  }

  private saveSession(session: Session): void {
    this.sessions.save(session);
    this.events.emit({ type: 'session.updated', session });
  }
}

function logCapFromEnv(): number | null {
  const value = Number(process.env.CODOMYRMEX_LOG_CAP_BYTES);
  return Number.isInteger(value) && value > 0 ? value : null;
}

export { workingDirFor };

let shared: OrchestrationEngine | null = null;

/** The shared engine of this process (created on first call, on $CODOMYRMEX_HOME unless `options.home` says). */
export function getOrchestrationEngine(options?: EngineOptions): OrchestrationEngine {
  return (shared ??= new OrchestrationEngine(options));
}

// The upstream's module-level getters: the shared engine's managers, so a workflow created through one runs through
// the others and every run lands in the same records.
export const getWorkflowManager = (): WorkflowManager => getOrchestrationEngine().workflowManager;
export const getTaskOrchestrator = (): TaskOrchestrator => getOrchestrationEngine().taskOrchestrator;
export const getProjectManager = (): ProjectManager => getOrchestrationEngine().projectManager;
export const getResourceManager = (): ResourceManager => getOrchestrationEngine().resourceManager;

// `new WorkflowManager({ enablePerformanceMonitoring })` works on the shared engine, as the upstream's works alone.
serveStandaloneManagers(() => getOrchestrationEngine().managerDeps());

