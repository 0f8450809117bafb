// A shared one-second clock for live durations: one timer for the whole page, running only while something watches.
import { useSyncExternalStore } from 'react';

const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const notify of listeners) notify();
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

const idle = (): (() => void) => () => {};

/** The current time, re-rendering each second while `live`; a fixed snapshot otherwise. */
export function useNow(live: boolean): number {
  return useSyncExternalStore(live ? subscribe : idle, () => (live ? now : 0));
}
