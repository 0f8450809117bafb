// Keeps a step's log on disk under its cap without stopping the step: past the cap, the file is cut back to its
// first `cap` bytes, then a marker and the latest output follow. The step's fd is O_APPEND, so it keeps writing at
// the (new) end, and the next check cuts again.
import { fstatSync, ftruncateSync, readSync, writeFileSync, writeSync } from 'node:fs';
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
    if (this.head === null) {
      if (size <= this.capBytes) return size;
      this.head = headEnd(fd, this.capBytes);
      writeFileSync(cappedMarkerFile(this.path), `${this.capBytes}\n`);
    }
    const fresh = size - this.head - this.suffix;
    if (fresh <= 0) return size;
    this.beyond += fresh;
    const newest = readAt(fd, size - Math.min(fresh, KEPT_TAIL_BYTES), Math.min(fresh, KEPT_TAIL_BYTES));
    this.newest = newest;
    this.tail = keptTail(Buffer.concat([this.tail, newest]));
    // Bytes the step writes between reading the newest ones and the cut (microseconds) are lost: past the cap,
    // never promised. After the step's end nothing writes, so the final cut is exact.
    ftruncateSync(fd, this.head);
    const marker = Buffer.from(capMarker(this.capBytes, this.beyond - this.tail.length, this.tail.length));
    writeSync(fd, Buffer.concat([marker, this.tail]));
    this.suffix = marker.length + this.tail.length;
    return size;
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
