// A step's log on disk: one file per step that both its process (by fd) and the engine append to.
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { storageErrorKind } from './storage-error.js';
import { makeFolders } from '../make-folders.js';

/** Who follows a log while its step runs (the LogTailer): told when the file starts and when the step is over. */
export interface LogFollower {
  track(log: StepLog, executionId: string, step: string): void;
  untrack(log: StepLog): unknown;
}

/** How much of a log's end a record keeps and a shell step's `stdout` output shows. */
export const LOG_TAIL_BYTES = 4096;

/** The line the engine writes into a step's log before each retry. */
export const attemptMarker = (attempt: number): string => `--- attempt ${attempt} ---`;
export const ATTEMPT_MARKER = /^--- attempt \d+ ---$/;

export class StepLog {
  private fd: number | null = null;
  /** Set once another process may have written the file by its path. */
  private shared = false;

  private followed = false;
  /** The file's path, or how to make it: a step that never logs (a cache hit) never computes it. */
  private where: string | (() => string);

  constructor(
    path: string | (() => string),
    private readonly ensureDir: () => void,
    private readonly follower: { tailer: LogFollower; executionId: string; step: string } | null = null,
  ) {
    this.where = path;
  }

  get path(): string {
    if (typeof this.where !== 'string') this.where = this.where();
    return this.where;
  }

  /** Opens on first use, so steps that never log cost no file. */
  get outputFd(): number {
    if (this.fd === null) {
      this.ensureDir();
      // O_APPEND: the child's writes and ours land in order at the end, wherever each thinks it is.
      this.fd = openSync(this.path, 'a+');
      this.follow();
    }
    return this.fd;
  }

  /** Makes sure the file's folder exists and returns its path, for a process that opens it by name. */
  prepare(): string {
    this.ensureDir();
    this.shared = true;
    this.follow();
    return this.path;
  }

  get opened(): boolean {
    return this.fd !== null || this.shared;
  }

  /** The engine's own lines (attempt markers, in-process actions' output); a full disk loses them, never the run. */
  write(text: string): void {
    try {
      writeSync(this.outputFd, text);
    } catch (error) {
      if (storageErrorKind(error) !== 'fault') throw error;
    }
  }

  size(): number {
    return this.fd === null && !this.shared ? 0 : fstatSync(this.outputFd).size;
  }

  /** Reads bytes [from, from+length) of the log. */
  read(from: number, length: number): Buffer {
    if ((this.fd === null && !this.shared) || length <= 0) return Buffer.alloc(0);
    const buffer = Buffer.allocUnsafe(length);
    const read = readSync(this.outputFd, buffer, 0, length, from);
    return buffer.subarray(0, read);
  }

  private follow(): void {
    if (this.follower === null || this.followed) return;
    this.followed = true;
    this.follower.tailer.track(this, this.follower.executionId, this.follower.step);
  }

  tail(bytes = LOG_TAIL_BYTES): string {
    if (this.fd === null && !this.shared) return '';
    if (this.fd === null && !existsSync(this.path)) return '';
    try {
      return this.readTail(bytes);
    } catch (error) {
      // A log that cannot be opened (a full or failing disk) leaves the record without a tail, not the run without an end.
      if (storageErrorKind(error) !== 'fault') throw error;
      return '';
    }
  }

  private readTail(bytes: number): string {
    const size = this.size();
    const start = Math.max(0, size - bytes);
    let text = this.read(start, size - start).toString('utf8');
    // Cut at a line start so the tail never opens mid-character or mid-line.
    if (start > 0) text = text.slice(text.indexOf('\n') + 1);
    return text;
  }

  /** Ends live following: the last output is pushed and the cap enforced, so the record's tail reads the final file. */
  stopFollowing(): void {
    if (!this.followed) return;
    this.followed = false;
    this.follower!.tailer.untrack(this);
  }

  close(): void {
    this.stopFollowing();
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

/** The logs of one execution, under `<home>/logs/<executionId>/`. */
export class ExecutionLogs {
  private dirReady = false;
  readonly dir: string;

  constructor(
    logsRoot: string,
    private readonly executionId: string,
    /** Follows the logs live and keeps them under their cap; none in tests that look at files only. */
    private readonly tailer: LogFollower | null = null,
  ) {
    this.dir = join(logsRoot, executionId);
  }

  forStep(step: string): StepLog {
    const follower = this.tailer === null ? null : { tailer: this.tailer, executionId: this.executionId, step };
    return new StepLog(() => join(this.dir, stepLogFileName(step)), () => {
      if (!this.dirReady) makeFolders(this.dir);
      this.dirReady = true;
    }, follower);
  }
}

/**
 * A step's log file name: the start of its name (readable in a folder listing) and a hash of the whole name (unique),
 * so no name's length or characters can make a path the file system refuses. Older runs named the file `<step>.log`;
 * their records keep the path they wrote, so they still read.
 */
export function stepLogFileName(step: string): string {
  const readable = step.slice(0, 32).replace(/[^A-Za-z0-9_-]/g, '_');
  return `${readable}-${createHash('sha1').update(step).digest('hex').slice(0, 10)}.log`;
}
