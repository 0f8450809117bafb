// Content-hash caching around an executor (DESIGN.md §5b): a task with `cache` gets its key computed where it runs
// (here, or on the worker holding its inputs); a hit restores the outputs and replays the log without running, a
// miss runs the step and stores its result. Tasks without `cache` go straight through.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CacheMiss } from '../../../shared/model.js';
import { ActionFailure } from '../actions/action.js';
import type { ActionRegistry } from '../actions/registry.js';
import { packageVersionFrom } from '../package-version.js';
import type { Executor, LogSink, RunningStep, StepProgress, StepTask } from '../runs/executor.js';
import type { CacheRequest, StepResult } from './cache-request.js';
import type { CacheEntry, StoredFile } from './cache-store.js';
import { explainMiss, keyOf, type KeyManifest, type LastKey } from './cache-key.js';
import type { Hasher } from './hashing.js';
import { restoreOutputs } from './restore-outputs.js';
import { inputFiles, outputFiles } from './step-files.js';
import type { StepCache } from './step-cache.js';

const BUILTIN_VERSION = packageVersionFrom(fileURLToPath(new URL('.', import.meta.url))) ?? '0.0.0';

export class CachingExecutor implements Executor {
  constructor(
    private readonly inner: Executor,
    private readonly cache: StepCache,
    private readonly registry: ActionRegistry,
    /** The environment under the task's own (the worker's process's; nothing here, where tasks carry all of it). */
    private readonly baseEnv: () => Record<string, string> = () => ({}),
  ) {}

  execute(task: StepTask, log: LogSink, progress?: StepProgress): RunningStep {
    if (task.cache === undefined) return this.inner.execute(task, log, progress);
    let inner: RunningStep | null = null;
    let cancelled: Error | null = null;
    const done = (async (): Promise<StepResult> => {
      const request = task.cache!;
      const hasher = await this.cache.hasher();
      const dir = stepDir(task);
      const manifest = keying(task, () => this.manifest(task, request, dir, hasher));
      const key = keyOf(manifest, hasher);
      const lastId = hasher.json([request.workflow, task.step]);
      let miss: CacheMiss;
      if (request.force) {
        miss = { summary: '--force', changes: [] };
      } else {
        const store = this.cache.store;
        const entry = store.read(key);
        const last = store.readLast<LastKey>(lastId);
        const lastOutputs = (): Map<string, string> => new Map((last === null ? null : store.read(last.key))?.files.map((file) => [file.path, file.hash]) ?? []);
        const refused = entry === null ? null : restoreOutputs(store, this.cache.memo, hasher, entry, dir, lastOutputs);
        if (entry !== null && refused === null) return this.replay(entry, manifest, lastId, last?.key === key, log);
        miss = refused ?? explainMiss(last, manifest, key);
      }
      if (cancelled !== null) throw cancelled;
      progress?.keyed?.(key, miss);
      const started = Date.now();
      inner = this.inner.execute(task, log, progress);
      const result = await inner.done;
      const outputHash = this.store(task, request, dir, key, manifest, lastId, result, Date.now() - started, log, hasher);
      return { ...result, cache: { key, hit: false, miss, outputHash } };
    })();
    return {
      done,
      cancel(reason) {
        cancelled = reason;
        (inner as RunningStep | null)?.cancel(reason);
      },
    };
  }

  runEnded(executionId: string): void {
    this.inner.runEnded?.(executionId);
  }

  private manifest(task: StepTask, request: CacheRequest, dir: string, hasher: Hasher): KeyManifest {
    const files = inputFiles(dir, request.spec);
    const hashes = this.cache.memo.hashFiles(files.map((file) => resolve(dir, file)), hasher);
    const env = { ...this.baseEnv(), ...task.env };
    const definition = this.registry.definition(task.module, task.action);
    return {
      action: `${task.module}.${task.action}`,
      version: definition?.version ?? BUILTIN_VERSION,
      params: hasher.json(task.parameters),
      cwd: relative(task.cwd, dir).split(sep).join('/') || '.',
      inputs: Object.fromEntries(files.map((file) => [file, hashes.get(resolve(dir, file))!])),
      env: Object.fromEntries([...request.spec.env].sort().map((name) => [name, Object.hasOwn(env, name) ? hasher.of(env[name]!) : null])),
      upstream: request.upstream,
    };
  }

  /** A hit: the log as it was written, and the outputs; the entry is marked used. */
  private replay(entry: CacheEntry, manifest: KeyManifest, lastId: string, lastWasThis: boolean, log: LogSink): StepResult {
    if (entry.log !== null) log.write(readFileSync(this.cache.store.blobPath(entry.log), 'utf8'));
    this.cache.store.touch(entry.key);
    if (!lastWasThis) this.rememberKey(lastId, entry.key, manifest);
    return { outputs: entry.outputs, exitCode: entry.exitCode, cache: { key: entry.key, hit: true, miss: null, outputHash: entry.outputHash } };
  }

  /**
   * Stores a step that succeeded: output files and log as blobs first, then its entry (so an entry never names a blob
   * not yet written). Returns its output hash. A store that fails (a full disk) leaves the step succeeded, uncached.
   */
  private store(task: StepTask, request: CacheRequest, dir: string, key: string, manifest: KeyManifest, lastId: string, result: StepResult, durationMs: number, log: LogSink, hasher: Hasher): string {
    const store = this.cache.store;
    const outputs = result.outputs;
    const files: StoredFile[] = [];
    try {
      for (const path of outputFiles(dir, request.spec)) {
        const absolute = resolve(dir, path);
        const { mode, size } = statSync(absolute);
        files.push({ path, hash: store.putFile(absolute, hasher), mode, size });
      }
      const logPath = log.prepare();
      let logHash: string | null = null;
      if (existsSync(logPath)) {
        const bytes = readFileSync(logPath);
        logHash = hasher.of(bytes);
        store.putBytes(bytes, logHash);
      }
      const outputHash = outputHashOf(outputs, files, hasher);
      store.write({
        version: 1, key, workflow: request.workflow, step: task.step, executionId: task.executionId, outputs, exitCode: result.exitCode ?? 0, files,
        log: logHash, durationMs, outputHash, createdAt: Date.now(),
      });
      this.rememberKey(lastId, key, manifest);
      this.cache.stored();
      return outputHash;
    } catch (error) {
      log.write(`\ncodomyrmex: the result was not stored in the cache at ${store.dir}: ${(error as Error).message}\n`);
      return outputHashOf(outputs, files, hasher);
    }
  }

  private rememberKey(lastId: string, key: string, manifest: KeyManifest): void {
    try {
      this.cache.store.writeLast(lastId, { key, manifest } satisfies LastKey);
    } catch {
      // Only the next miss's explanation is lost.
    }
  }
}

/** The key's inputs, or a failure naming the step's cache as what could not be read (an unreadable input file). */
function keying<T>(task: StepTask, compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    throw new ActionFailure(`cannot compute the cache key of step "${task.step}": ${(error as Error).message}`);
  }
}

/** The folder a step works in: its `cwd` parameter under the run's folder, else the run's folder. */
function stepDir(task: StepTask): string {
  const own = task.parameters.cwd;
  if (typeof own !== 'string' || own === '') return task.cwd;
  return isAbsolute(own) ? own : resolve(task.cwd, own);
}

/** What a dependent's key includes of this step: its outputs and its output files' contents. */
function outputHashOf(outputs: Record<string, unknown>, files: readonly StoredFile[], hasher: Hasher): string {
  return hasher.json({ outputs, files: files.map((file) => [file.path, file.hash]) });
}
