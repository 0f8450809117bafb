// The log file on disk: size-rotated codomyrmex.N.log files and a codomyrmex.log link to the current one. Records are
// written in batches (at 64 KiB, or 100 ms after the first), appended to the current file while it has room; pino-roll
// is loaded when a file must be rotated, and writes from then on. A command that logs a few records (a `run`'s start
// and end) so never loads it: that cost ~5 ms of every start.
import { appendFileSync, lstatSync, readlinkSync, statSync, symlinkSync, unlinkSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { SonicBoom } from 'sonic-boom';
import { ENGINE_LOG_BASE, ENGINE_LOG_NAME, currentLogFile } from './log-files.js';
import { makeFolders } from '../make-folders.js';

export interface RotationOptions {
  /** A file is rotated once it holds this many bytes. */
  maxBytes: number;
  /** Rotated files kept besides the current one; older ones are removed. */
  keep: number;
}

/** 10 MiB a file, the current one and 5 before it: at most ~60 MiB. */
export const DEFAULT_ROTATION: RotationOptions = { maxBytes: 10 * 1024 * 1024, keep: 5 };

/**
 * One writeSync per batch, encoded once: SonicBoom's own buffering writes 16 KiB at most per call and encodes each
 * block twice, which made writing a 10,000-step run's 20,000 records cost as much CPU as pino making them.
 */
const BATCH_BYTES = 64 * 1024;
/** How long a record may wait for its batch: the Engine log view reads the file once a second. */
const BATCH_MS = 100;

/** $CODOMYRMEX_LOG_MAX_BYTES and $CODOMYRMEX_LOG_KEEP, where they are whole numbers. */
export function rotationFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<RotationOptions> {
  const maxBytes = Number(env.CODOMYRMEX_LOG_MAX_BYTES);
  const keep = Number(env.CODOMYRMEX_LOG_KEEP);
  return {
    ...(Number.isInteger(maxBytes) && maxBytes > 0 ? { maxBytes } : {}),
    ...(Number.isInteger(keep) && keep >= 0 ? { keep } : {}),
  };
}

export class RollingLogFile {
  private readonly rotation: RotationOptions;
  /** pino-roll's stream, once a file had to be rotated. */
  private target: SonicBoom | null = null;
  /** Until then, the current numbered file and its size as this process knows it (another may write to it too). */
  private direct: { path: string; size: number } | null = null;
  private exitHooked = false;
  /** The batch filling up: records encoded straight into it, no string concatenated. */
  private batch = Buffer.allocUnsafe(BATCH_BYTES);
  private used = 0;
  /** Full batches waiting for the file to open. */
  private waiting: Buffer[] = [];
  private timer: NodeJS.Timeout | null = null;
  private opening: Promise<void> | null = null;
  private broken = false;
  private readonly onExit = (): void => this.flushSync();

  constructor(
    private readonly dir: string,
    rotation: Partial<RotationOptions> = {},
  ) {
    this.rotation = { ...DEFAULT_ROTATION, ...rotation };
  }

  /** pino's destination. */
  write(line: string): boolean {
    if (this.broken) return true;
    // UTF-8 takes at most 3 bytes per UTF-16 unit: a record that may not fit ends the batch first.
    if (this.used + line.length * 3 > BATCH_BYTES) {
      this.endBatch();
      if (line.length * 3 > BATCH_BYTES) {
        this.hand(Buffer.from(line));
        return true;
      }
    }
    this.used += this.batch.write(line, this.used);
    if (!this.exitHooked) {
      this.exitHooked = true;
      process.once('exit', this.onExit);
    }
    this.timer ??= setTimeout(() => this.writeBatch(), BATCH_MS).unref();
    return true;
  }

  /** Resolves once every record written so far is on disk (the file opened first, if it was not yet). */
  async flush(): Promise<void> {
    await this.opening;
    this.writeBatch();
  }

  async close(): Promise<void> {
    await this.flush();
    process.off('exit', this.onExit);
    this.exitHooked = false;
    const target = this.target;
    if (target === null) return;
    await new Promise<void>((resolve) => {
      target.once('close', () => resolve());
      target.once('error', () => resolve());
      target.end();
    });
    this.target = null;
  }

  /** Hands the batch to the file (a new one fills next: SonicBoom may hold on to it). */
  private endBatch(): void {
    if (this.used === 0) return;
    const full = this.batch.subarray(0, this.used);
    this.batch = Buffer.allocUnsafe(BATCH_BYTES);
    this.used = 0;
    this.hand(full);
  }

  private hand(data: Buffer): void {
    // Buffers, encoded once as records arrive: given strings, SonicBoom measures and encodes each block again.
    if (this.target !== null) (this.target as unknown as { write(data: Buffer): boolean }).write(data);
    else if (this.opening !== null || !this.append(data)) {
      this.waiting.push(data);
      this.opening ??= this.open();
    }
  }

  /**
   * Appends to the current file, unless the data would take it past its size (false: pino-roll then writes it and
   * rotates, as it would have). Appends are atomic per call, as SonicBoom's: other processes may append meanwhile.
   */
  private append(data: Buffer): boolean {
    if (this.broken) return true;
    try {
      if (this.direct === null) {
        makeFolders(this.dir);
        const path = currentLogFile(this.dir) ?? join(this.dir, `${ENGINE_LOG_BASE}.1.log`);
        this.direct = { path, size: statSync(path, { throwIfNoEntry: false })?.size ?? 0 };
        this.link(path);
      }
      if (this.direct.size + data.length > this.rotation.maxBytes) return false;
      appendFileSync(this.direct.path, data);
      this.direct.size += data.length;
    } catch (error) {
      this.fail(error as Error);
    }
    return true;
  }

  private writeBatch(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.target !== null) for (const data of this.waiting.splice(0)) this.hand(data);
    this.endBatch();
  }

  private async open(): Promise<void> {
    try {
      makeFolders(this.dir);
      const { default: roll } = await import('pino-roll');
      const target = await roll({
        file: join(this.dir, ENGINE_LOG_BASE),
        extension: '.log',
        size: `${Math.max(1, Math.round(this.rotation.maxBytes / 1024))}k`,
        limit: { count: this.rotation.keep, removeOtherLogFiles: true },
        mkdir: true,
        // Batches are written as they come, with writeSync: a batch's few microseconds never hold a run up.
        sync: true,
        contentMode: 'buffer',
      });
      target.on('error', (error: Error) => this.fail(error));
      // pino-roll reopens the stream on a new file at each rotation; the link follows.
      const current = (): string | undefined => (target as SonicBoom & { file?: string }).file;
      target.on('ready', () => this.link(current()));
      this.link(current());
      this.target = target;
      this.writeBatch();
    } catch (error) {
      this.fail(error as Error);
    }
  }

  /** A log that cannot be written (a read-only folder, a full disk) is said once and dropped; the run goes on. */
  private fail(error: Error): void {
    if (this.broken) return;
    this.broken = true;
    this.waiting = [];
    this.used = 0;
    this.target = null;
    process.stderr.write(`codomyrmex: the engine log in ${this.dir} cannot be written (${error.message}); logging to it stops\n`);
  }

  /** `codomyrmex.log` names the current file (for `tail -F`); where links cannot be made (Windows) readers list the folder. */
  private link(file: string | undefined): void {
    if (file === undefined) return;
    const link = join(this.dir, ENGINE_LOG_NAME);
    try {
      if (readlinkSync(link) === basename(file)) return;
    } catch {
      // No link yet, or a file of that name: made below.
    }
    try {
      if (lstatSync(link, { throwIfNoEntry: false })?.isSymbolicLink() === true) unlinkSync(link);
      symlinkSync(basename(file), link);
    } catch {
      // Another process pointed it first, or the platform refuses links: the numbered files are the log.
    }
  }

  /** At exit: the batch not written yet, or what waited for pino-roll to open, reaches the disk. */
  private flushSync(): void {
    if (this.broken) return;
    try {
      if (this.target !== null) {
        this.writeBatch();
        this.target.flushSync();
      } else if (this.waiting.length > 0 || this.used > 0) {
        const rest = Buffer.concat([...this.waiting.splice(0), this.batch.subarray(0, this.used)]);
        this.used = 0;
        makeFolders(this.dir);
        appendFileSync(this.direct?.path ?? currentLogFile(this.dir) ?? join(this.dir, `${ENGINE_LOG_BASE}.1.log`), rest);
      }
    } catch {
      // Exiting anyway: nothing more can be done for the log.
    }
  }
}
