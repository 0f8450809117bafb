// The engine's notices to the user (storage faults, a database moved aside, broken settings): printed on stderr as
// they happen, pushed to every door as events, and kept while they hold so a window that connects later shows them.
import type { EngineNotice } from '../../shared/events.js';
import type { EventBus } from './event-bus.js';
import { engineLog } from './logging/engine-log.js';

/** A door that connects late sees at most this many; older ones were printed and pushed already. */
const KEPT = 10;

export class EngineNotices {
  private readonly current: EngineNotice[] = [];
  private next = 1;

  constructor(
    private readonly events: EventBus,
    private readonly print: (message: string) => void,
  ) {}

  /** Raises a notice; returns its id, which `resolve` takes when the condition is over. */
  raise(level: EngineNotice['level'], message: string, resolves?: string): string {
    const notice: EngineNotice = { id: `notice-${this.next++}`, level, message, time: Date.now() };
    if (resolves !== undefined) this.drop(resolves);
    this.current.push(notice);
    if (this.current.length > KEPT) this.current.shift();
    this.print(message);
    engineLog()[level]({ notice: notice.id, ...(resolves !== undefined ? { resolves } : {}) }, message);
    this.events.emit({ type: 'notice', notice, ...(resolves !== undefined ? { resolves } : {}) });
    return notice.id;
  }

  /** The notices that still hold, oldest first. */
  list(): EngineNotice[] {
    return [...this.current];
  }

  private drop(id: string): void {
    const index = this.current.findIndex((notice) => notice.id === id);
    if (index >= 0) this.current.splice(index, 1);
  }
}
