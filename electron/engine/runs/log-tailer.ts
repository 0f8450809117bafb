// Follows the logs of running steps: pushes their new output as step.log events while a door listens, and keeps
// every log under its cap on disk whether anyone listens or not. Steps write straight to their log file (their
// stdio is the file), so a short poll of each open log's size is all it costs: one fstat per running step per tick.
import { fstatSync } from 'node:fs';
import { liveLogMarker } from '../../../shared/events.js';
import type { EventBus } from '../event-bus.js';
import { LogCap, readAt } from '../store/log-cap.js';
import { charStart, completeLength } from '../store/utf8-edges.js';

/** Often enough that output looks live, rarely enough that a hundred running steps cost nothing to watch. */
export const LOG_POLL_MS = 100;
/** The most of one log read per tick for live pushes; the rest is counted as skipped, never read. */
export const LIVE_READ_BYTES = 64 * 1024;

/** What the tailer needs of a step's log. */
export interface TailedLog {
  readonly path: string;
  readonly outputFd: number;
}

interface Tailed {
  log: TailedLog;
  executionId: string;
  step: string;
  /** Bytes of output seen so far (the file's size while under the cap). */
  seen: number;
  /** The start of a character cut at the end of the last push, sent with the next one. */
  carry: Buffer;
  cap: LogCap;
}

export class LogTailer {
  private readonly logs = new Map<TailedLog, Tailed>();
  private timer: NodeJS.Timeout | null = null;
  private listeners = 0;

  constructor(
    private readonly events: EventBus,
    private readonly capBytes: number,
  ) {}

  /** Live pushes start with the first listener (a door subscribing to events); returns the release function. */
  acquire(): () => void {
    this.listeners++;
    let released = false;
    return () => {
      if (!released) this.listeners--;
      released = true;
    };
  }

  /** Follows a step's log from now; its first bytes are the file's current end (a retry appends to it). */
  track(log: TailedLog, executionId: string, step: string): void {
    if (this.logs.has(log)) return;
    this.logs.set(log, { log, executionId, step, seen: 0, carry: Buffer.alloc(0), cap: new LogCap(log.path, this.capBytes) });
    this.timer ??= setInterval(() => this.pollAll(), LOG_POLL_MS).unref();
  }

  /** Pushes the log's last output and enforces its cap one last time, before the step's end is recorded. */
  untrack(log: TailedLog): { capped: boolean } {
    const tailed = this.logs.get(log);
    if (tailed === undefined) return { capped: false };
    try {
      this.poll(tailed, true);
    } catch (error) {
      // The step is over whatever its log's last read or cap did (a full disk): the run must go on.
      process.emitWarning(`cannot finish the log ${tailed.log.path}: ${(error as Error).message}`);
    }
    this.logs.delete(log);
    if (this.logs.size === 0 && this.timer !== null) {
      clearInterval(this.timer);
      this.timer = null;
    }
    return { capped: tailed.cap.capped };
  }

  close(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.logs.clear();
  }

  private pollAll(): void {
    for (const tailed of this.logs.values()) {
      try {
        this.poll(tailed, false);
      } catch (error) {
        // A log that cannot be read (its folder removed) must not stop the other steps' logs.
        process.emitWarning(`cannot follow the log ${tailed.log.path}: ${(error as Error).message}`);
      }
    }
  }

  private poll(tailed: Tailed, last: boolean): void {
    const fd = tailed.log.outputFd;
    const size = fstatSync(fd).size;
    const { cap } = tailed;
    // Under the cap the new bytes are [seen, size); once capped, they follow our marker and kept tail.
    const fresh = cap.capped ? cap.freshBytes(size) : Math.max(0, size - tailed.seen);
    if (fresh > 0 && this.listeners > 0) this.push(tailed, readAt(fd, size - Math.min(fresh, LIVE_READ_BYTES), Math.min(fresh, LIVE_READ_BYTES)), fresh, last);
    else if (fresh > 0) tailed.carry = Buffer.alloc(0);
    tailed.seen += fresh;
    const cutAt = cap.enforce(fd);
    // Once capped, what the step wrote between the size above and the cut is not in the file past the marker any
    // more: the cut read its newest bytes (the step's last line, when it ended meanwhile), so they are pushed from there.
    if (cap.capped && cutAt > size) {
      const gap = cutAt - size;
      if (this.listeners > 0) this.push(tailed, cap.lastOutput(gap), gap, last);
      else tailed.carry = Buffer.alloc(0);
      tailed.seen += gap;
    }
  }

  /** Pushes `bytes`, the newest of `fresh` bytes the step wrote after those seen: the rest are counted as skipped. */
  private push(tailed: Tailed, newest: Buffer, fresh: number, last: boolean): void {
    let bytes = newest;
    let skipped = fresh - bytes.length;
    let offset = tailed.seen + skipped;
    if (skipped === 0 && tailed.carry.length > 0) {
      bytes = Buffer.concat([tailed.carry, bytes]);
      offset -= tailed.carry.length;
    } else {
      skipped += tailed.carry.length;
      const start = charStart(bytes);
      skipped += start;
      offset += start;
      bytes = bytes.subarray(start);
    }
    // A character cut at the end waits for its last bytes (unless the step is over: then it is shown as it is).
    const end = last ? bytes.length : completeLength(bytes);
    tailed.carry = Buffer.from(bytes.subarray(end));
    if (end === 0 && skipped === 0) return;
    this.events.emit({
      type: 'step.log',
      executionId: tailed.executionId,
      step: tailed.step,
      text: (skipped > 0 ? liveLogMarker(skipped) : '') + bytes.subarray(0, end).toString('utf8'),
      offset,
      ...(skipped > 0 ? { skipped } : {}),
    });
  }
}
