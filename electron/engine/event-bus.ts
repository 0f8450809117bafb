// The engine's event stream: typed, synchronous, and free when nobody listens.
import type { EngineEvent, EngineEventType } from '../../shared/events.js';

export type EngineListener = (event: EngineEvent) => void;

export class EventBus {
  private readonly listeners = new Set<{ listener: EngineListener; types: ReadonlySet<EngineEventType> | null }>();
  private readonly counts = new Map<EngineEventType, number>();
  private wildcard = 0;

  /** Listens to every event, or to the given types only; returns the unsubscribe function. */
  on(listener: EngineListener, types?: readonly EngineEventType[]): () => void {
    const entry = { listener, types: types ? new Set(types) : null };
    this.listeners.add(entry);
    this.count(entry.types, 1);
    return () => {
      if (this.listeners.delete(entry)) this.count(entry.types, -1);
    };
  }

  /** Lets hot paths skip building an event nobody will read. */
  wants(type: EngineEventType): boolean {
    return this.wildcard > 0 || (this.counts.get(type) ?? 0) > 0;
  }

  emit(event: EngineEvent): void {
    for (const { listener, types } of this.listeners) {
      if (types !== null && !types.has(event.type)) continue;
      try {
        listener(event);
      } catch (error) {
        // A broken listener (a closed window, say) must never stop a run.
        process.emitWarning(`event listener failed on ${event.type}: ${(error as Error).message}`);
      }
    }
  }

  private count(types: ReadonlySet<EngineEventType> | null, delta: number): void {
    if (types === null) this.wildcard += delta;
    else for (const type of types) this.counts.set(type, (this.counts.get(type) ?? 0) + delta);
  }
}
