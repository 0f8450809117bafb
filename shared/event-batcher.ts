// Coalesces engine events into batches pushed at most every `intervalMs`: a step's latest state replaces the earlier
// ones (final states stay exact), log text is concatenated — and capped, so a step printing 100 MB never floods a
// door: each push carries at most the last LIVE_LOG_CHARS of a step's output, behind a marker counting the rest.
import { liveLogMarker, type EngineEvent } from './events.js';
import { utf8Length } from './utf8-length.js';

/** The most log text of one step one push carries (characters); the full log is on disk. */
export const LIVE_LOG_CHARS = 64 * 1024;
/** A cut moves forward to the next line start when one is this close, so a push starts on a whole line. */
const LINE_SEARCH_CHARS = 4096;

type StepLogEvent = Extract<EngineEvent, { type: 'step.log' }>;
interface PendingLog {
  event: StepLogEvent;
  /** The text without the marker. */
  content: string;
  skipped: number;
  offset: number | undefined;
}

export class EventBatcher {
  private pending: EngineEvent[] = [];
  /** Index in `pending` of the latest step.updated / step.log event per step, to coalesce into. */
  private readonly latest = new Map<string, number>();
  /** The log text waiting per index of `pending`, rendered into its event at push time. */
  private readonly logs = new Map<number, PendingLog>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastPush = 0;
  pushes = 0;

  constructor(
    private readonly push: (events: EngineEvent[]) => void,
    private readonly intervalMs = 1000 / 60,
  ) {}

  add(event: EngineEvent): void {
    if (event.type === 'step.updated' || event.type === 'step.log') {
      const key = `${event.type}\0${event.executionId}\0${event.step}`;
      const at = this.latest.get(key);
      if (at !== undefined) {
        if (event.type === 'step.log') this.logs.set(at, mergeLog(this.logs.get(at)!, event));
        else this.pending[at] = event;
      } else {
        this.latest.set(key, this.pending.length);
        if (event.type === 'step.log') this.logs.set(this.pending.length, mergeLog(null, event));
        this.pending.push(event);
      }
    } else {
      this.pending.push(event);
    }
    this.schedule();
  }

  /** Pushes what is pending now. */
  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.length === 0) return;
    const events = this.pending;
    for (const [at, log] of this.logs) events[at] = renderLog(log);
    this.pending = [];
    this.latest.clear();
    this.logs.clear();
    this.lastPush = Date.now();
    this.pushes++;
    this.push(events);
  }

  close(): void {
    this.flush();
  }

  private schedule(): void {
    if (this.timer !== null) return;
    const wait = Math.max(0, this.lastPush + this.intervalMs - Date.now());
    this.timer = setTimeout(() => this.flush(), wait);
  }
}

function mergeLog(earlier: PendingLog | null, event: StepLogEvent): PendingLog {
  const skipped = event.skipped ?? 0;
  const content = skipped > 0 && event.text.startsWith(liveLogMarker(skipped)) ? event.text.slice(liveLogMarker(skipped).length) : event.text;
  let merged: PendingLog;
  if (earlier === null) merged = { event, content, skipped, offset: event.offset };
  // A gap between the two texts: keep them contiguous by counting the earlier one as not shown too.
  else if (skipped > 0) merged = { event, content, skipped: earlier.skipped + utf8Length(earlier.content) + skipped, offset: event.offset };
  else merged = { event, content: earlier.content + content, skipped: earlier.skipped, offset: earlier.offset };
  return capLog(merged);
}

function capLog(log: PendingLog): PendingLog {
  const { content } = log;
  if (content.length <= LIVE_LOG_CHARS) return log;
  let cut = content.length - LIVE_LOG_CHARS;
  const newline = content.indexOf('\n', cut);
  if (newline !== -1 && newline - cut < LINE_SEARCH_CHARS && newline < content.length - 1) cut = newline + 1;
  // Never split a surrogate pair: a character outside the BMP is two UTF-16 units.
  const code = content.charCodeAt(cut);
  if (code >= 0xdc00 && code <= 0xdfff) cut++;
  const dropped = utf8Length(content, 0, cut);
  return { ...log, content: content.slice(cut), skipped: log.skipped + dropped, offset: log.offset === undefined ? undefined : log.offset + dropped };
}

function renderLog({ event, content, skipped, offset }: PendingLog): StepLogEvent {
  const { executionId, step } = event;
  return {
    type: 'step.log',
    executionId,
    step,
    text: skipped > 0 ? liveLogMarker(skipped) + content : content,
    ...(offset !== undefined ? { offset } : {}),
    ...(skipped > 0 ? { skipped } : {}),
  };
}
