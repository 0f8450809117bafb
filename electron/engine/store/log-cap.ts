// Keeps a step's log on disk under its cap without stopping the step: past the cap, the file is cut back to its
// first `cap` bytes, then a marker and the latest output follow. The step's fd is O_APPEND, so it keeps writing at
// the (new) end, and the next check cuts again.
import { closeSync, fstatSync, ftruncateSync, openSync, readSync, writeFileSync, writeSync } from 'node:fs';
import { charStart, completeLength } from './utf8-edges.js';

/** Default cap of a step's log on disk. */
export const DEFAULT_LOG_CAP_BYTES = 64 * 1024 * 1024;
/** How much of the latest output stays after the marker: the record's tail and a shell step's `stdout` read it. */
const KEPT_TAIL_BYTES = 4096;
/** Beside a capped log, so a reader in any process (history, another door) knows the log was cut. */
export const cappedMarkerFile = (logPath: string): string => `${logPath}.capped`;

export const capMarker = (capBytes: number, notKept: number, tailBytes: number): string =>
  `\n… log capped on disk at ${formatBytes(capBytes)}: ${notKept} bytes not kept; the last ${tailBytes} bytes follow\n`;

export class LogCap {
  /** Length of the kept head once capped (the cap, moved back to a character's start). */
  private head: number | null = null;
  /** Bytes after the head that we wrote (marker and kept tail). */
  private suffix = 0;
  private tail: Buffer = Buffer.alloc(0);
  /** Bytes the step wrote beyond the head, kept or not. */
  private beyond = 0;
  /** The newest output the last cut read: it ends where that cut found the file's end. */
  private newest: Buffer = Buffer.alloc(0);

  constructor(
    private readonly path: string,
    readonly capBytes: number,
  ) {}

  get capped(): boolean {
    return this.head !== null;
  }

  /** Bytes written since the last check that the file holds past what we kept: the step's newest output. */
  freshBytes(size: number): number {
    return this.head === null ? 0 : Math.max(0, size - this.head - this.suffix);
  }

  /**
   * Cuts the file back when it grew past the cap. Returns its size as seen just before the cut: the step may have
   * written since its caller last looked, and the cut must lose as little as possible of what it writes meanwhile.
   */
  enforce(fd: number): number {
    const size = fstatSync(fd).size;
    if (this.head === null && size <= this.capBytes) return size;
    const head = this.head ?? headEnd(fd, this.capBytes);
    if (size - head - this.suffix <= 0) return size;
    let end = size;
    let newest = this.newestUpTo(fd, head, end);
    let kept = this.keptWith(newest, head, end);
    // A cut that would not make the file smaller waits for more output: the marker and tail would reach past it.
    if (head + kept.bytes.length > end) return size;
    // The marker and kept tail are written in place, after the head, then the file is cut right after them: were the
    // cut made first, a write of the step's (its fd appends) between the cut and ours would land before our marker and
    // be taken for ours. Written through a descriptor of our own, which does not append.
    let writer: number | null;
    try {
      writer = openSync(this.path, 'r+');
    } catch {
      writer = null; // the file was moved or removed: cut and append through the step's descriptor
    }
    if (this.head === null) {
      this.head = head;
      writeFileSync(cappedMarkerFile(this.path), `${this.capBytes}\n`);
    }
    try {
      // The step may write while the cut reads (a flood always does; a step's last line comes once, right before it
      // ends). Once our marker and tail are written, the file's end is looked at again: only if it held still is the
      // file cut, the look and the cut side by side; else the new bytes are read and it goes again. What lands in the
      // moment between that look and the cut is lost — the step's last line, only if it lands exactly there (a write
      // throttled by a busy disk no longer widens that moment). After the step's end nothing writes: the final cut is
      // exact.
      for (let tries = 0; writer !== null; tries++) {
        writeSync(writer, kept.bytes, 0, kept.bytes.length, head);
        const now = fstatSync(fd).size;
        if (now === end || tries === 8) break;
        newest = now - end >= KEPT_TAIL_BYTES ? this.newestUpTo(fd, head, now) : Buffer.concat([newest, readAt(fd, end, now - end)]);
        end = now;
        kept = this.keptWith(newest, head, end);
        // Longer than the output it stands for (a number in the marker gained a digit as a byte came): written and
        // cut at once.
        if (head + kept.bytes.length > end) {
          writeSync(writer, kept.bytes, 0, kept.bytes.length, head);
          break;
        }
      }
      ftruncateSync(fd, writer !== null ? head + kept.bytes.length : head);
      if (writer === null) writeSync(fd, kept.bytes);
      this.beyond = kept.beyond;
      this.newest = newest.subarray(Math.max(0, newest.length - KEPT_TAIL_BYTES));
      this.tail = kept.tail;
      this.suffix = kept.bytes.length;
      return end;
    } finally {
      if (writer !== null) closeSync(writer);
    }
  }

  /** The step's newest output up to `end`: what it wrote since the last cut, at most KEPT_TAIL_BYTES of it. */
  private newestUpTo(fd: number, head: number, end: number): Buffer {
    const length = Math.min(end - head - this.suffix, KEPT_TAIL_BYTES);
    return readAt(fd, end - length, length);
  }

  /** The marker and kept tail, had the step's output ended at `end` with `newest`. */
  private keptWith(newest: Buffer, head: number, end: number): { bytes: Buffer; tail: Buffer; beyond: number } {
    const beyond = this.beyond + (end - head - this.suffix);
    const tail = keptTail(Buffer.concat([this.tail, newest.subarray(Math.max(0, newest.length - KEPT_TAIL_BYTES))]));
    const marker = Buffer.from(capMarker(this.capBytes, beyond - tail.length, tail.length));
    return { bytes: Buffer.concat([marker, tail]), tail, beyond };
  }

  /**
   * The last `length` bytes of output the last cut found (at most the KEPT_TAIL_BYTES it read): what a step wrote
   * after its follower looked and before the cut — its last line when it ended then — is still there to push.
   */
  lastOutput(length: number): Buffer {
    return this.newest.subarray(Math.max(0, this.newest.length - length));
  }
}

function headEnd(fd: number, cap: number): number {
  const edge = readAt(fd, Math.max(0, cap - 4), Math.min(cap, 4));
  return cap - edge.length + completeLength(edge);
}

/** The last KEPT_TAIL_BYTES of the output, from a character's start (and a line's, when one begins in it). */
function keptTail(bytes: Buffer): Buffer {
  let from = charStart(bytes, Math.max(0, bytes.length - KEPT_TAIL_BYTES));
  const newline = bytes.indexOf(0x0a, from);
  if (newline !== -1 && newline < bytes.length - 1) from = newline + 1;
  return Buffer.from(bytes.subarray(from));
}

export function readAt(fd: number, position: number, length: number): Buffer {
  if (length <= 0) return Buffer.alloc(0);
  const buffer = Buffer.allocUnsafe(length);
  const read = readSync(fd, buffer, 0, length, position);
  return buffer.subarray(0, read);
}

function formatBytes(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
