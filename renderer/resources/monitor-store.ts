// The resource monitor's samples: the machine's last hour (seeded from resources.history, then live) and the latest
// per-step usage.
import { createStore } from 'zustand/vanilla';
import type { MonitorSample, StepUsage, SystemSample } from '../../shared/monitor.js';

/** How far back the charts reach: older points are dropped as new ones arrive. */
export const MONITOR_WINDOW_MS = 60 * 60 * 1000;

export interface MonitorState {
  /** Oldest first, at most MONITOR_WINDOW_MS from the newest. */
  system: readonly SystemSample[];
  /** Every running step's process tree, as of the latest sample. */
  steps: readonly StepUsage[];
  seeded: boolean;
  append(samples: readonly MonitorSample[]): void;
  seed(history: readonly SystemSample[]): void;
}

function capToWindow(samples: SystemSample[]): SystemSample[] {
  const newest = samples[samples.length - 1];
  if (newest === undefined) return samples;
  const from = newest.t - MONITOR_WINDOW_MS;
  let first = 0;
  while (first < samples.length && samples[first]!.t < from) first++;
  return first === 0 ? samples : samples.slice(first);
}

export function createMonitorStore() {
  return createStore<MonitorState>()((set) => ({
    system: [],
    steps: [],
    seeded: false,
    append: (samples) => set((state) => {
      const last = samples[samples.length - 1];
      if (last === undefined) return state;
      const newestT = state.system[state.system.length - 1]?.t ?? -Infinity;
      // A sample older than what we hold (a seed raced a live push) would fold the line back on itself.
      const fresh = samples.map((sample) => sample.system).filter((sample) => sample.t > newestT);
      return { system: capToWindow([...state.system, ...fresh]), steps: last.steps };
    }),
    seed: (history) => set((state) => {
      const seededUntil = history[history.length - 1]?.t ?? -Infinity;
      // Live samples that arrived while the history was on its way are newer: they stay after it.
      const live = state.system.filter((sample) => sample.t > seededUntil);
      return { system: capToWindow([...history, ...live]), seeded: true };
    }),
  }));
}

export type MonitorStore = ReturnType<typeof createMonitorStore>;
