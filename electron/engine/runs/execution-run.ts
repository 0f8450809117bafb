// One workflow execution in progress: dependency counting, runWhen, admission (slots and resources), retries, cancel.
import { basename } from 'node:path';
import { executionSummary } from '../../../shared/events.js';
import { stepCacheOf, SUCCESSFUL_STEP_STATUSES, TERMINAL_STEP_STATUSES, type StepPerformance, type StepRun, type Workflow, type WorkflowExecution, type WorkflowStep } from '../../../shared/model.js';
import { performanceMetrics } from '../../../shared/performance.js';
import { resolveTemplates, type TemplateScope } from '../../../shared/templating.js';
import { queuePoolOf } from '../../../shared/workers.js';
import { ActionCancelled, ActionFailure } from '../actions/action.js';
import type { EventBus } from '../event-bus.js';
import type { Executor, RunningStep } from './executor.js';
import type { CacheRequest, StepResult } from '../cache/cache-request.js';
import { outputsHash } from '../cache/outputs-hash.js';
import { RunLog } from '../logging/run-log.js';
import type { StepCost } from '../resources/step-meter.js';
import { resourceQueueReason } from './queue-reason.js';
import { ReadyQueue } from './ready-queue.js';
import { endOf } from './run-outcome.js';
import type { ResourceManager } from '../resources/resource-manager.js';
import type { RunRecorder } from '../store/run-recorder.js';
import { attemptMarker, type ExecutionLogs, type StepLog } from '../store/step-log.js';
import { AttemptAbort } from './attempt-abort.js';

export interface ExecutionRunOptions {
  /** The record, with every step present: pending, or kept from an earlier run when resuming. */
  execution: WorkflowExecution;
  workflow: Workflow;
  concurrency: number;
  cwd: string;
  /** Every variable `${{ env.X }}` may name: the process's, the workflow's, the session's. */
  env: Record<string, string>;
  /** What the workflow and the session add to the steps' environment (each executor adds it to its process's). */
  stepEnv: Record<string, string>;
  /** The project's name, for a worker that puts it under its `--workdir`. */
  projectName?: string;
  params: Record<string, unknown>;
  executor: Executor;
  /** The queue's executor, when on: steps whose pool is not `local` go to it, past this run's slots and this machine's resources. */
  remote?: Executor;
  resources: ResourceManager;
  recorder: RunRecorder;
  events: EventBus;
  logs: ExecutionLogs;
  /** What a step's process tree cost (CPU, peak memory), when the run is measured; taken once the run has ended. */
  costOf?: (step: string) => StepCost | null;
  /** How often process trees are sampled, for the metrics; null when they are not. */
  sampleIntervalMs?: number | null;
  /** --no-cache (steps with `cache` neither read nor write it) and --force (these steps run and store anew). */
  cache?: { off: boolean; force: ReadonlySet<string> };
  /** Called after each step's end is recorded (a subflow's parent step follows its child run by it). */
  onStepEnded?: (execution: WorkflowExecution) => void;
}

interface StepState {
  index: number;
  priority: WorkflowStep['priority'];
  /** 0 until the step first becomes ready; then the round it did, kept across retries. */
  readySince: number;
  step: WorkflowStep;
  run: StepRun;
  taskId: string;
  /** The step as people name it ("<workflow> › <step>"), on its resource allocations. */
  holder: string;
  /** Dependencies not yet finished. */
  remaining: number;
  dependents: StepState[];
  controller: AttemptAbort | null;
  /** The attempt in flight, to send it the cancel. */
  attempt: RunningStep | null;
  /** The pool it goes to on the queue, or null when it runs in this process. */
  pool: string | null;
  timer: NodeJS.Timeout | null;
  log: StepLog | null;
  holdsResources: boolean;
  cancelRequested: boolean;
  /** Performance: when it last became ready, when its attempt started, and the sums over its attempts (ms). */
  enqueuedAt: number;
  attemptStartedAt: number;
  queueMs: number;
  runMs: number;
  ran: boolean;
}

class StepTimeout extends Error {
  constructor(readonly seconds: number) {
    super(`timed out after ${seconds}s`);
  }
}

class Cancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

const TERMINAL: ReadonlySet<string> = TERMINAL_STEP_STATUSES;

export class ExecutionRun {
  readonly done: Promise<WorkflowExecution>;
  private resolveDone!: (execution: WorkflowExecution) => void;
  private readonly states: StepState[];
  private readonly byName = new Map<string, StepState>();
  private readonly queue = new ReadyQueue<StepState>();
  /** Steps for workers: they wait for no slot or resource of this machine, so they never queue behind local ones. */
  private readonly remoteQueue = new ReadyQueue<StepState>();
  private readonly justQueued: StepState[] = [];
  private readonly scope: TemplateScope;
  private readonly ended = new Set<string>();
  /** Steps in the order they ended (after their dependencies, always), preceded by those kept from an earlier run. */
  private readonly endOrder: string[] = [];
  private running = 0;
  private runningRemote = 0;
  /** Scheduling rounds so far: steps made ready in an earlier round go first among equal priorities. */
  private rounds = 0;
  private unfinished = 0;
  private cancelled = false;
  private finished = false;
  private waitingForResources = false;
  private readonly onResourcesReleased = (): void => this.pump();
  private readonly log: RunLog;

  constructor(private readonly options: ExecutionRunOptions) {
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
    const { execution, workflow } = options;
    this.scope = { steps: {}, ended: this.ended, params: options.params, env: options.env };
    this.log = new RunLog(workflow.name, execution.executionId, options.projectName ?? null);
    this.states = workflow.steps.map((step, index) => {
      const state: StepState = {
        index,
        priority: step.priority,
        readySince: 0,
        step,
        run: execution.steps[step.name]!,
        taskId: `${execution.executionId}:${step.name}`,
        holder: `${execution.workflowName} › ${step.name}`,
        remaining: 0,
        dependents: [],
        controller: null,
        attempt: null,
        pool: options.remote !== undefined ? queuePoolOf(step, workflow) : null,
        timer: null,
        log: null,
        holdsResources: false,
        cancelRequested: false,
        enqueuedAt: 0,
        attemptStartedAt: 0,
        queueMs: 0,
        runMs: 0,
        ran: false,
      };
      this.byName.set(step.name, state);
      return state;
    });
    for (const state of this.states) {
      if (TERMINAL.has(state.run.status)) {
        this.endOrder.push(state.step.name);
        // A step a partial run left out is read from the earlier run it names, if a selected step reads it.
        if (SUCCESSFUL_STEP_STATUSES.has(state.run.status) || (state.run.status === 'not-selected' && state.run.reusedFrom != null)) this.scope.steps[state.step.name] = state.run.outputs;
      } else {
        this.unfinished++;
      }
      for (const dep of state.step.dependencies) {
        const upstream = this.byName.get(dep)!;
        upstream.dependents.push(state);
        if (!TERMINAL.has(upstream.run.status)) state.remaining++;
      }
    }
  }

  get executionId(): string {
    return this.options.execution.executionId;
  }

  /** The live record (steps updated in place as they go). */
  get execution(): WorkflowExecution {
    return this.options.execution;
  }

  start(): Promise<WorkflowExecution> {
    const { execution } = this.options;
    execution.status = 'running';
    this.options.recorder.executionChanged(execution);
    this.emitExecution();
    this.log.runStarted(this.states.length, this.states.length - this.unfinished);
    const ready = this.states.filter((state) => state.remaining === 0 && !TERMINAL.has(state.run.status));
    this.settle(ready);
    this.pump();
    this.checkDone();
    return this.done;
  }

  /** Cancels the run: running steps' process trees are killed, nothing else starts. */
  cancel(): void {
    if (this.finished || this.cancelled) return;
    this.cancelled = true;
    for (const state of [...this.queue.drain(), ...this.remoteQueue.drain()]) this.finish(state, 'cancelled', 'the run was cancelled');
    for (const state of this.states) {
      // In flight: running here, or on the queue (where it may still show `queued` for a worker).
      if (state.attempt !== null) state.controller?.abort(new Cancelled());
      else if (!TERMINAL.has(state.run.status)) {
        if (state.timer !== null) clearTimeout(state.timer);
        this.finish(state, 'cancelled', 'the run was cancelled');
      }
    }
    this.checkDone();
  }

  /** Cancels one step; its dependents follow their runWhen. Returns false when the step had already finished. */
  cancelStep(name: string): boolean {
    const state = this.byName.get(name);
    if (state === undefined || TERMINAL.has(state.run.status) || this.finished) return false;
    state.cancelRequested = true;
    if (state.attempt !== null) {
      state.controller?.abort(new Cancelled());
    } else {
      if (state.timer !== null) clearTimeout(state.timer);
      this.queue.remove((queued) => queued === state);
      this.remoteQueue.remove((queued) => queued === state);
      this.finishAndRelease(state, 'cancelled', 'cancelled by the user');
      this.pump();
      this.checkDone();
    }
    return true;
  }

  /** Puts steps whose dependencies are all done in the queue, or skips them; iterative so long chains cannot overflow. */
  private settle(initial: StepState[]): void {
    const round = ++this.rounds;
    const work = [...initial];
    while (work.length > 0) {
      const state = work.pop()!;
      if (TERMINAL.has(state.run.status)) continue;
      const skip = this.cancelled ? 'the run was cancelled' : this.skipReason(state);
      if (skip === null) {
        state.readySince ||= round;
        this.enqueue(state);
        continue;
      }
      this.finish(state, this.cancelled ? 'cancelled' : 'skipped', skip);
      for (const dependent of state.dependents) if (--dependent.remaining === 0) work.push(dependent);
    }
  }

  /** Why a step whose dependencies are done must not run, or null when its runWhen holds. */
  private skipReason(state: StepState): string | null {
    const { runWhen, dependencies } = state.step;
    if (runWhen === 'always') return null;
    let broken: string | null = null;
    for (const dep of dependencies) {
      const upstream = this.byName.get(dep)!;
      // A left-out dependency a selected step waits on carries an earlier run's outputs (run-selection.ts made sure).
      const ok = SUCCESSFUL_STEP_STATUSES.has(upstream.run.status) || (upstream.run.status === 'not-selected' && upstream.run.reusedFrom != null)
        || (upstream.run.status === 'failed' && upstream.step.continueOnError);
      if (!ok) {
        broken = `dependency "${dep}" ${upstream.run.status === 'skipped' ? 'was skipped' : upstream.run.status === 'cancelled' ? 'was cancelled' : 'failed'}`;
        break;
      }
    }
    if (runWhen === 'success') return broken;
    return broken === null ? 'no dependency failed' : null;
  }

  private enqueue(state: StepState): void {
    if (state.run.status !== 'pending') this.update(state, { status: 'pending', reason: null });
    state.enqueuedAt = Date.now();
    if (state.pool !== null) {
      this.remoteQueue.push(state);
      return;
    }
    this.queue.push(state);
    this.justQueued.push(state);
  }

  private pump(): void {
    if (this.cancelled || this.finished) {
      this.justQueued.length = 0;
      return;
    }
    const { concurrency, resources } = this.options;
    while (this.remoteQueue.size > 0) this.startAttempt(this.remoteQueue.pop()!);
    let deferred: StepState[] | null = null;
    while (this.running < concurrency && this.queue.size > 0) {
      const state = this.queue.pop()!;
      if (!this.admitResources(state, resources)) {
        (deferred ??= []).push(state);
        continue;
      }
      this.startAttempt(state);
    }
    if (deferred !== null) for (const state of deferred) this.queue.push(state);
    this.listenForResources(deferred !== null);
    // Steps queued since the last pump that did not get a slot now show why they wait; each is looked at once.
    for (const state of this.justQueued) {
      if (state.run.status !== 'pending') continue;
      this.update(state, { status: 'queued', reason: `waiting for a free slot (concurrency ${concurrency})` });
      this.log.stepWaiting(state.step.name, state.run.reason!, false);
    }
    this.justQueued.length = 0;
  }

  private admitResources(state: StepState, resources: ResourceManager): boolean {
    const request = state.step.resources;
    for (const _ in request) {
      const missing = resources.tryAllocateAll(state.taskId, request, state.holder);
      if (missing === null) {
        state.holdsResources = true;
        return true;
      }
      const resource = resources.getResource(missing.resourceId) ?? { id: missing.resourceId, unit: '' };
      const reason = resourceQueueReason(resource, missing, resources.getAllocations(missing.resourceId));
      if (state.run.reason !== reason) {
        this.update(state, { status: 'queued', reason });
        this.log.stepWaiting(state.step.name, reason, true);
      }
      return false;
    }
    return true;
  }

  private listenForResources(waiting: boolean): void {
    if (waiting === this.waitingForResources) return;
    this.waitingForResources = waiting;
    const resources = this.options.resources;
    if (waiting) resources.on('released', this.onResourcesReleased).on('poll', this.onResourcesReleased);
    else resources.off('released', this.onResourcesReleased).off('poll', this.onResourcesReleased);
  }

  private startAttempt(state: StepState): void {
    const { execution } = this.options;
    const executor = state.pool !== null ? this.options.remote! : this.options.executor;
    if (state.pool !== null) this.runningRemote++;
    else this.running++;
    const attempt = state.run.attempts + 1;
    const now = Date.now();
    state.queueMs += now - state.enqueuedAt;
    state.attemptStartedAt = now;
    state.ran = true;
    this.update(state, { status: 'running', attempts: attempt, startTime: state.run.startTime ?? now, reason: null, error: null, worker: null });
    this.log.stepStarted(state.step.name, attempt, `${state.step.module}.${state.step.action}`);
    let parameters: Record<string, unknown>;
    try {
      parameters = resolveTemplates(state.step.parameters, this.scope);
    } catch (error) {
      this.endAttempt(state, null, error, false);
      return;
    }
    const controller = new AttemptAbort();
    state.controller = controller;
    if (state.step.timeout !== undefined) {
      const seconds = state.step.timeout;
      state.timer = setTimeout(() => controller.abort(new StepTimeout(seconds)), seconds * 1000);
    }
    state.log ??= this.options.logs.forStep(state.step.name);
    if (attempt > 1) state.log.write(`\n${attemptMarker(attempt)}\n`);
    const task = {
      executionId: execution.executionId,
      step: state.step.name,
      module: state.step.module,
      action: state.step.action,
      parameters,
      attempt,
      cwd: this.options.cwd,
      project: this.options.projectName ?? basename(this.options.cwd),
      // A worker adds what the workflow and session set to its own environment; here the run's whole one is ready.
      env: state.pool !== null ? this.options.stepEnv : this.options.env,
      resources: state.step.resources,
      ...(state.pool !== null ? { pool: state.pool } : {}),
      ...this.cacheRequest(state),
    };
    const running = executor.execute(task, state.log, {
      waiting: (reason) => state.attempt === running && this.update(state, { status: 'queued', reason }),
      startedOn: (worker) => state.attempt === running && this.update(state, { status: 'running', reason: null, worker }),
      keyed: (cacheKey, cacheMiss) => state.attempt === running && this.update(state, { cacheKey, cacheMiss }),
      // Heard from the attempt's first tick (before `running` is set), so checked by attempt, not by identity.
      childRun: (child) => state.run.attempts === attempt && state.run.status === 'running' && this.update(state, { child }),
    });
    state.attempt = running;
    // Cancelling is an event sent across the seam: the abort (cancel, timeout) is its one source here.
    controller.attach((reason) => running.cancel(reason));
    running.done
      .then(
        (result) => this.endAttempt(state, result, null, true),
        (error: unknown) => this.endAttempt(state, null, error, true),
      );
  }

  /** The task's `cache` for a step with one, unless --no-cache (then its record says so). */
  private cacheRequest(state: StepState): { cache?: CacheRequest } {
    const spec = stepCacheOf(state.step, this.options.workflow);
    if (spec === undefined) return {};
    const mode = this.options.cache;
    if (mode?.off === true) {
      if (state.run.cacheMiss == null) this.update(state, { cacheKey: null, cacheMiss: { summary: '--no-cache', changes: [] } });
      return {};
    }
    const upstream = Object.fromEntries(state.step.dependencies.map((dep) => [dep, this.outputHashOf(dep)]));
    return { cache: { spec, workflow: this.options.workflow.name, force: mode?.force.has(state.step.name) === true, upstream } };
  }

  /** A dependency's output hash: as its cache reported it, else the hash of its recorded outputs. */
  private outputHashOf(name: string): string {
    const { run } = this.byName.get(name)!;
    return run.outputHash ?? outputsHash(run.outputs);
  }

  private endAttempt(state: StepState, result: StepResult | null, error: unknown, retriable: boolean): void {
    if (state.pool !== null) this.runningRemote--;
    else this.running--;
    state.attempt = null;
    state.runMs += Date.now() - state.attemptStartedAt;
    if (state.timer !== null) clearTimeout(state.timer);
    state.timer = null;
    const reason = state.controller?.reason;
    const aborted = state.controller?.aborted === true;
    state.controller = null;
    if (aborted && reason instanceof Cancelled) {
      this.finishAndRelease(state, 'cancelled', state.cancelRequested ? 'cancelled by the user' : 'the run was cancelled');
    } else if (!aborted && result !== null) {
      this.scope.steps[state.step.name] = result.outputs;
      const cache = result.cache;
      // A hit did not run: it is left out of the run's figures as a step kept from elsewhere is.
      if (cache?.hit === true) state.ran = false;
      const cacheFields = cache === undefined ? {} : { cacheKey: cache.key, cacheMiss: cache.miss, outputHash: cache.outputHash ?? null };
      this.finishAndRelease(state, cache?.hit === true ? 'cached' : 'succeeded', null, { outputs: result.outputs, exitCode: result.exitCode ?? 0, ...cacheFields });
    } else if (!aborted && error instanceof ActionCancelled) {
      // Cancelled by the user elsewhere (a subflow's child run): the run ends as a step cancel would end it.
      state.cancelRequested = true;
      this.finishAndRelease(state, 'cancelled', error.message, { outputs: error.outputs, error: error.message });
    } else {
      this.failAttempt(state, aborted ? reason : error, retriable, error instanceof ActionFailure ? error : null);
    }
    // Released only once the step's end is recorded: a waiting step may start the moment they are free.
    if (state.holdsResources) {
      state.holdsResources = false;
      this.options.resources.releaseTask(state.taskId);
    }
    this.pump();
    this.checkDone();
  }

  /** `failure` is what the action reported (its exit code and outputs), also when a timeout is the error. */
  private failAttempt(state: StepState, error: unknown, retriable: boolean, failure = error instanceof ActionFailure ? error : null): void {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof StepTimeout) this.log.stepTimedOut(state.step.name, state.run.attempts, error.seconds);
    const fields: Partial<StepRun> = { error: message, exitCode: failure?.exitCode ?? null, outputs: failure?.outputs ?? {} };
    const retry = state.step.retry;
    if (retriable && retry !== undefined && state.run.attempts <= retry.count && !this.cancelled) {
      const delay = retry.delay * retry.backoff ** (state.run.attempts - 1);
      this.update(state, { ...fields, status: 'retrying', reason: `attempt ${state.run.attempts} failed: ${message}; retrying in ${round(delay)}s` });
      this.log.stepRetrying(state.step.name, state.run.attempts, round(delay), message);
      state.timer = setTimeout(() => {
        state.timer = null;
        this.enqueue(state);
        this.pump();
      }, delay * 1000);
      return;
    }
    this.finishAndRelease(state, 'failed', null, fields);
  }

  /** Ends a step and lets its dependents move. */
  private finishAndRelease(state: StepState, status: StepRun['status'], reason: string | null, fields: Partial<StepRun> = {}): void {
    this.finish(state, status, reason, fields);
    const ready = state.dependents.filter((dependent) => --dependent.remaining === 0);
    if (ready.length > 0) this.settle(ready);
  }

  private finish(state: StepState, status: StepRun['status'], reason: string | null, fields: Partial<StepRun> = {}): void {
    const log = state.log;
    // The step's last output reaches the doors, and its log its final size, before its end is recorded.
    log?.stopFollowing();
    const logged = log !== null && log.opened;
    this.update(state, {
      ...fields,
      status,
      reason,
      endTime: Date.now(),
      ...(status === 'cancelled' && fields.error === undefined ? { error: reason } : {}),
      ...(logged ? { logPath: log.path, logTail: log.tail() } : {}),
    });
    log?.close();
    this.log.stepEnded(state.step.name, state.run);
    this.unfinished--;
    this.endOrder.push(state.step.name);
    if (!SUCCESSFUL_STEP_STATUSES.has(status)) {
      // Steps allowed to run after this one read what it set before failing; a skipped one set nothing.
      this.ended.add(state.step.name);
      if (status === 'failed') this.scope.steps[state.step.name] = state.run.outputs;
    }
    this.options.onStepEnded?.(this.options.execution);
  }

  private update(state: StepState, fields: Partial<StepRun>): void {
    Object.assign(state.run, fields);
    const { recorder, events, execution } = this.options;
    recorder.stepChanged(execution.executionId, state.step.name, state.run);
    if (events.wants('step.updated')) {
      events.emit({ type: 'step.updated', executionId: execution.executionId, step: state.step.name, run: { ...state.run } });
    }
  }

  private checkDone(): void {
    if (this.finished || this.unfinished > 0 || this.running > 0 || this.runningRemote > 0) return;
    this.finished = true;
    this.options.remote?.runEnded?.(this.executionId);
    this.listenForResources(false);
    const { execution, recorder } = this.options;
    const failed = this.states.filter((s) => s.run.status === 'failed' && !s.step.continueOnError);
    const cancelled = this.states.filter((s) => s.run.status === 'cancelled' && s.cancelRequested);
    const { status, outcome } = endOf(this.cancelled, failed.map((s) => s.step.name), cancelled.map((s) => s.step.name));
    execution.status = status;
    execution.outcome = outcome;
    // Appended: a storage fault may have marked the run already.
    const wrong = this.states.filter((s) => failed.includes(s) || cancelled.includes(s));
    execution.errors = [...execution.errors, ...wrong.map((s) => `${s.step.name}: ${s.run.error ?? s.run.status}`)];
    execution.endTime = Date.now();
    execution.results = Object.fromEntries(this.states.map((s) => [s.step.name, s.run.outputs]));
    execution.performanceMetrics = this.metrics(execution.endTime - execution.startTime);
    recorder.executionChanged(execution);
    this.emitExecution();
    this.log.runEnded(execution);
    this.resolveDone(execution);
  }

  private metrics(wallTimeMs: number) {
    const { costOf, sampleIntervalMs = null } = this.options;
    const steps = this.states.map((state): StepPerformance => {
      const cost = state.ran ? (costOf?.(state.step.name) ?? null) : null;
      return {
        queueWaitMs: state.queueMs,
        runTimeMs: state.runMs,
        cpuTimeMs: cost?.cpuTimeMs ?? null,
        peakMemoryMB: cost?.peakMemoryMB ?? null,
        attempts: state.ran ? state.run.attempts : 0,
      };
    });
    return performanceMetrics(this.options.workflow.steps, steps, this.states.map((state) => state.ran), wallTimeMs, sampleIntervalMs, this.endOrder);
  }

  private emitExecution(): void {
    const { events, execution } = this.options;
    if (!events.wants('execution.updated')) return;
    events.emit({ type: 'execution.updated', execution: executionSummary(execution) });
  }
}

function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
