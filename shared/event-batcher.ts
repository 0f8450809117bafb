// Coalesces engine events into batches pushed at most every `intervalMs`: a step's latest state replaces the earlier
// ones (final states stay exact), log text is concatenated, nothing else is dropped.
import type { EngineEvent } from './events.js';

export class EventBatcher {
  private pending: EngineEvent[] = [];
  /** Index in `pending` of the latest step.updated / step.log event per step, to coalesce into. */
  private readonly latest = new Map<string, number>();
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
        const earlier = this.pending[at]!;
        this.pending[at] = event.type === 'step.log' && earlier.type === 'step.log' ? { ...event, text: earlier.text + event.text } : event;
      } else {
        this.latest.set(key, this.pending.length);
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
    this.pending = [];
    this.latest.clear();
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
