// Content-hash caching around an executor (DESIGN.md §5b): a task with `cache` gets its key computed where it runs
// (here, or on the worker holding its inputs); a hit restores the outputs and replays the log without running, a
// miss runs the step and stores its result. Tasks without `cache` go straight through.
import { existsSync, lstatSync, readFileSync, statSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CacheMiss } from '../../../shared/model.js';
import { ActionFailure } from '../actions/action.js';
import type { ActionRegistry } from '../actions/registry.js';
import { packageVersionFrom } from '../package-version.js';
import type { Executor, LogSink, RunningStep, StepProgress, StepTask } from '../runs/executor.js';
import type { CacheRequest, StepResult } from './cache-request.js';
import { folderHash, linkHash, type StoredFile } from './cache-store.js';
import { diffManifests, explainMiss, keyOf, summarise, type KeyManifest, type LastKey } from './cache-key.js';
import type { Hasher } from './hashing.js';
import { firstOutside, restoreOutputs, storedCopyGone } from './restore-outputs.js';
import { GlobbingNotLoaded, inputFiles, loadGlobbing, outputFiles, stepFolder, under, withGlobbing, type Found, type OutputFiles } from './step-files.js';
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
      // Loaded, the hasher and (usually) the key need no await: a run of hits makes no promise per step but its own.
      const hasher = this.cache.loadedHasher() ?? (await this.cache.hasher());
      const dir = stepFolder(task.parameters.cwd, task.cwd);
      const compute = (): KeyManifest => this.manifest(task, request, dir, hasher);
      const manifest = keyingNow(task, compute) ?? (await keying(task, compute));
      const key = keyOf(manifest, hasher);
      const last = this.cache.lastKeys.get(request.workflow, task.step, task.executionId);
      const outcome = request.force ? { summary: '--force', changes: [] } : this.restore(key, manifest, last, dir, hasher, request, task, log);
      if (!('summary' in outcome)) return outcome;
      const miss: CacheMiss = outcome;
      // Progress is never told anything before execute has returned (its caller holds no attempt until then).
      await Promise.resolve();
      if (cancelled !== null) throw cancelled;
      progress?.keyed?.(key, miss);
      const started = Date.now();
      inner = this.inner.execute(task, log, progress);
      const result = await inner.done;
      // A step that ran stores its outputs, which glob patterns or folders may name.
      await loadGlobbing();
      const outputHash = this.store(task, request, dir, key, manifest, result, Date.now() - started, log, hasher);
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
    const definition = this.registry.definition(task.module, task.action);
    return {
      action: `${task.module}.${task.action}`,
      version: definition?.version ?? BUILTIN_VERSION,
      params: hasher.json(task.parameters),
      cwd: dir === task.cwd ? '.' : relative(task.cwd, dir).split(sep).join('/') || '.',
      inputs: this.inputHashes(request, dir, hasher),
      env: this.envHashes(request.spec.env, task.env, hasher),
      upstream: request.upstream,
    };
  }

  /** Each input file (relative to the step's folder) → its content hash, unchanged files known by the stat memo. */
  private inputHashes(request: CacheRequest, dir: string, hasher: Hasher): Record<string, string> {
    const found: Found = { stats: new Map(), missing: [] };
    const files = inputFiles(dir, request.spec, found);
    const memo = this.cache.memo;
    const inputs: Record<string, string> = {};
    for (let i = 0; i < files.length; i++) {
      const absolute = under(dir, files[i]!);
      inputs[files[i]!] = memo.hashOf(absolute, hasher, found.stats.get(absolute));
    }
    return inputs;
  }

  /** The named env values' hashes (null: unset), the task's over the base's; a task carries the whole env, not copied. */
  private envHashes(names: readonly string[], own: Record<string, string>, hasher: Hasher): Record<string, string | null> {
    const hashes: Record<string, string | null> = {};
    if (names.length === 0) return hashes;
    const base = this.baseEnv();
    for (const name of [...names].sort()) {
      const value = Object.hasOwn(own, name) ? own[name] : Object.hasOwn(base, name) ? base[name] : undefined;
      hashes[name] = value === undefined ? null : hasher.of(value);
    }
    return hashes;
  }

  /**
   * A hit when the key's entry is stored and its files can be put in place: the outputs, and the log as it was
   * written (an empty one leaves no file). Otherwise why the step must run.
   */
  private restore(key: string, manifest: KeyManifest, last: LastKey | null, dir: string, hasher: Hasher, request: CacheRequest, task: StepTask, log: LogSink): StepResult | CacheMiss {
    const store = this.cache.store;
    const entry = store.read(key);
    if (entry === null) return explainMiss(last, manifest, key);
    // The log's blob is read before any file is restored: a hit whose log is gone is a miss that changed nothing.
    const logHash = entry.log === null || entry.log === emptyHash(hasher) ? null : entry.log;
    const logBytes = logHash === null ? null : store.readBlob(logHash);
    if (logHash !== null && logBytes === null) return storedCopyGone('log');
    const refused = restoreOutputs(store, this.cache.memo, hasher, entry, dir, task.cwd, () => last?.outputs ?? {});
    if (refused !== null) return refused;
    if (logBytes !== null && logBytes.length > 0) log.write(logBytes.toString('utf8'));
    if (last === null || last.key !== key || last.failure !== null) {
      this.cache.lastKeys.set(request.workflow, task.step, { key, manifest, outputs: outputsOf(entry.files), failure: null });
    }
    return { outputs: entry.outputs, exitCode: entry.exitCode, cache: { key, hit: true, miss: null, outputHash: entry.outputHash } };
  }

  /**
   * Stores a step that succeeded: output files and log as blobs first, then its entry (so an entry never names a blob
   * not yet written). Returns its output hash. A store that fails (a declared output not written, a full disk) leaves
   * the step succeeded and uncached, says why in its log, and is remembered to say why the next run ran it.
   */
  private store(task: StepTask, request: CacheRequest, dir: string, key: string, manifest: KeyManifest, result: StepResult, durationMs: number, log: LogSink, hasher: Hasher): string {
    const store = this.cache.store;
    const outputs = result.outputs;
    const files: StoredFile[] = [];
    const remember = (failure: string | null): void => this.cache.lastKeys.set(request.workflow, task.step, { key, manifest, outputs: failure === null ? outputsOf(files) : {}, failure });
    let found: OutputFiles | undefined;
    try {
      found = outputFiles(dir, request.spec);
      if (found.missing.length > 0) throw new Error(`declared output${found.missing.length === 1 ? '' : 's'} ${found.missing.join(', ')} not written by the step`);
      // A hit never writes outside the run's folder (restoreOutputs): such a result would be stored at every run, never used.
      const outside = firstOutside(found.files, dir, task.cwd);
      if (outside !== null) throw new Error(`output ${outside} is outside the run's folder ${task.cwd}, where a cached result is never restored`);
      // An input changed while the step ran (saved in an editor, written by another step or by this one): its outputs
      // may come from either content, so they are not stored under the key of the content before.
      const drift = diffManifests(manifest, { ...manifest, inputs: this.inputHashes(request, dir, hasher) });
      if (drift.length > 0) throw new Error(`${summarise(drift)} while the step ran`);
      for (const path of found.files) {
        const absolute = under(dir, path);
        const link = found.links.get(path);
        if (link !== undefined) {
          files.push({ path, hash: linkHash(link, hasher), mode: lstatSync(absolute).mode, size: 0, link });
          continue;
        }
        if (found.folders.has(path)) {
          files.push({ path, hash: folderHash(hasher), mode: statSync(absolute).mode, size: 0, folder: true });
          continue;
        }
        const stat = statSync(absolute);
        const readFrom = Date.now();
        const hash = store.putFile(absolute, hasher);
        // The next run's check of this output on disk then reads it no more.
        this.cache.memo.rememberRead(absolute, hash, stat, readFrom);
        files.push({ path, hash, mode: stat.mode, size: stat.size });
      }
      const logPath = log.prepare();
      let logHash: string | null = null;
      if (existsSync(logPath)) {
        const bytes = readFileSync(logPath);
        // An empty log is stored as none: a hit then opens no file for it.
        if (bytes.length > 0) {
          logHash = hasher.of(bytes);
          store.putBytes(bytes, logHash);
        }
      }
      const outputHash = outputHashOf(outputs, files, hasher);
      store.write({
        version: 1, key, workflow: request.workflow, step: task.step, executionId: task.executionId, outputs, exitCode: result.exitCode ?? 0, files,
        log: logHash, durationMs, outputHash, createdAt: Date.now(),
      });
      remember(null);
      this.cache.stored();
      return outputHash;
    } catch (error) {
      const reason = (error as Error).message;
      log.write(`\ncodomyrmex: the result was not stored in the cache at ${store.dir}: ${reason}\n`);
      remember(reason);
      return outputHashOf(outputs, this.hashedRest(files, found, dir, hasher), hasher);
    }
  }

  /**
   * The output files of a store that failed part-way (a full disk, a cache that cannot be written), each with its
   * hash: those not stored are read for it. Their dependents then get the keys a successful store would have given
   * them (the cut-off holds), not keys of fewer files. An output that cannot be read either leaves the files as stored.
   */
  private hashedRest(files: readonly FileHash[], found: OutputFiles | undefined, dir: string, hasher: Hasher): readonly FileHash[] {
    if (found === undefined || found.missing.length > 0 || files.length === found.files.length) return files;
    try {
      return found.files.map((path, i) => {
        if (files[i] !== undefined) return files[i];
        const link = found.links.get(path);
        if (link !== undefined) return { path, hash: linkHash(link, hasher) };
        return { path, hash: found.folders.has(path) ? folderHash(hasher) : this.cache.memo.hashOf(under(dir, path), hasher) };
      });
    } catch {
      return files;
    }
  }
}

/** The key's inputs, or a failure naming the step's cache as what could not be read (an unreadable input file). */
async function keying<T>(task: StepTask, compute: () => T): Promise<T> {
  try {
    return await withGlobbing(compute);
  } catch (error) {
    throw keyFailure(task, error);
  }
}

/** As keying, without waiting; null when the glob libraries must be loaded first. */
function keyingNow<T>(task: StepTask, compute: () => T): T | null {
  try {
    return compute();
  } catch (error) {
    if (error instanceof GlobbingNotLoaded) return null;
    throw keyFailure(task, error);
  }
}

function keyFailure(task: StepTask, error: unknown): ActionFailure {
  return new ActionFailure(`cannot compute the cache key of step "${task.step}": ${(error as Error).message}`);
}

/** What an output hash takes of each output file. */
type FileHash = Pick<StoredFile, 'path' | 'hash'>;

/** Output file → hash, as a result leaves them on disk. */
function outputsOf(files: readonly StoredFile[]): Record<string, string> {
  return Object.fromEntries(files.map((file) => [file.path, file.hash]));
}

let empty: string | null = null;

/** The hash of no bytes: older entries stored an empty log as a blob of it. */
function emptyHash(hasher: Hasher): string {
  return (empty ??= hasher.of(''));
}

/** What a dependent's key includes of this step: its outputs and its output files' contents. */
function outputHashOf(outputs: Record<string, unknown>, files: readonly FileHash[], hasher: Hasher): string {
  return hasher.json({ outputs, files: files.map((file) => [file.path, file.hash]) });
}
