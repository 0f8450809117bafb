// The log file on disk: pino-roll's size-rotated codomyrmex.N.log files, opened on the first record, and a
// codomyrmex.log link to the current one.
import { appendFileSync, lstatSync, mkdirSync, symlinkSync, unlinkSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { SonicBoom } from 'sonic-boom';
import { ENGINE_LOG_BASE, ENGINE_LOG_NAME, currentLogFile } from './log-files.js';

export interface RotationOptions {
  /** A file is rotated once it holds this many bytes. */
  maxBytes: number;
  /** Rotated files kept besides the current one; older ones are removed. */
  keep: number;
}

/** 10 MiB a file, the current one and 5 before it: at most ~60 MiB. */
export const DEFAULT_ROTATION: RotationOptions = { maxBytes: 10 * 1024 * 1024, keep: 5 };

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
  private target: SonicBoom | null = null;
  private pending: string[] = [];
  private opening: Promise<void> | null = null;
  private broken = false;
  private readonly onExit = (): void => this.flushSync();

  constructor(
    private readonly dir: string,
    rotation: Partial<RotationOptions> = {},
  ) {
    this.rotation = { ...DEFAULT_ROTATION, ...rotation };
  }

  /** pino's destination: records wait in memory until the file is open (pino-roll opens it asynchronously). */
  write(line: string): boolean {
    if (this.target !== null) return this.target.write(line);
    if (this.broken) return true;
    this.pending.push(line);
    // Loading pino-roll (and date-fns under it) is left until a record is written: most commands never need it.
    this.opening ??= this.open();
    return true;
  }

  async close(): Promise<void> {
    await this.opening;
    const target = this.target;
    if (target === null) return;
    process.off('exit', this.onExit);
    await new Promise<void>((resolve) => {
      target.once('close', () => resolve());
      target.once('error', () => resolve());
      target.end();
    });
    this.target = null;
  }

  private async open(): Promise<void> {
    process.once('exit', this.onExit);
    try {
      mkdirSync(this.dir, { recursive: true });
      const { default: roll } = await import('pino-roll');
      const target = await roll({
        file: join(this.dir, ENGINE_LOG_BASE),
        extension: '.log',
        size: `${Math.max(1, Math.round(this.rotation.maxBytes / 1024))}k`,
        limit: { count: this.rotation.keep, removeOtherLogFiles: true },
        mkdir: true,
      });
      target.on('error', (error: Error) => this.fail(error));
      // pino-roll reopens the stream on a new file at each rotation; the link follows.
      const current = (): string | undefined => (target as SonicBoom & { file?: string }).file;
      target.on('ready', () => this.link(current()));
      this.link(current());
      this.target = target;
      for (const line of this.pending.splice(0)) target.write(line);
    } catch (error) {
      this.fail(error as Error);
    }
  }

  /** A log that cannot be written (a read-only folder, a full disk) is said once and dropped; the run goes on. */
  private fail(error: Error): void {
    if (this.broken) return;
    this.broken = true;
    this.pending = [];
    this.target = null;
    process.stderr.write(`codomyrmex: the engine log in ${this.dir} cannot be written (${error.message}); logging to it stops\n`);
  }

  /** `codomyrmex.log` names the current file (for `tail -F`); where links cannot be made (Windows) readers list the folder. */
  private link(file: string | undefined): void {
    if (file === undefined) return;
    const link = join(this.dir, ENGINE_LOG_NAME);
    try {
      if (lstatSync(link, { throwIfNoEntry: false })?.isSymbolicLink() === true) unlinkSync(link);
      symlinkSync(basename(file), link);
    } catch {
      // Another process pointed it first, or the platform refuses links: the numbered files are the log.
    }
  }

  /** At exit: what pino-roll had not written yet, or what waited for the file to open, reaches the disk. */
  private flushSync(): void {
    try {
      if (this.target !== null) this.target.flushSync();
      else if (this.pending.length > 0) {
        mkdirSync(this.dir, { recursive: true });
        appendFileSync(currentLogFile(this.dir) ?? join(this.dir, `${ENGINE_LOG_BASE}.1.log`), this.pending.join(''));
      }
    } catch {
      // Exiting anyway: nothing more can be done for the log.
    }
  }
}
