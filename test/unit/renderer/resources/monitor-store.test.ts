import { describe, expect, it } from 'vitest';
import type { MonitorSample, SystemSample } from '../../../../shared/monitor.js';
import { applyEventBatch } from '../../../../renderer/app/apply-event-batch.js';
import { MONITOR_WINDOW_MS, createMonitorStore } from '../../../../renderer/resources/monitor-store.js';
import { createStores } from '../../../../renderer/app/stores.js';

const system = (t: number, cpu = 0.25): SystemSample => ({ t, cpu, cores: [cpu, cpu], memUsedMB: 1000, memTotalMB: 8000, load: [0.5, 0.4, 0.3] });
const sample = (t: number, steps: MonitorSample['steps'] = []): MonitorSample => ({ system: system(t), steps });

describe('the monitor store', () => {
  it('appends live samples in order and keeps the latest sample\'s steps', () => {
    const store = createMonitorStore();
    const step = { executionId: 'e1', step: 'build', cpu: 0.5, memMB: 40, processes: 2 };
    store.getState().append([sample(1_000), sample(2_000, [step])]);
    store.getState().append([sample(3_000)]);
    expect(store.getState().system.map((s) => s.t)).toEqual([1_000, 2_000, 3_000]);
    expect(store.getState().steps).toEqual([]);
    store.getState().append([sample(4_000, [step])]);
    expect(store.getState().steps).toEqual([step]);
  });

  it('keeps at most an hour of points, dropping the oldest as new ones arrive', () => {
    const store = createMonitorStore();
    const start = 1_000_000;
    store.getState().append(Array.from({ length: 3_700 }, (_, i) => sample(start + i * 1_000)));
    const points = store.getState().system;
    expect(points[points.length - 1]!.t - points[0]!.t).toBeLessThanOrEqual(MONITOR_WINDOW_MS);
    expect(points).toHaveLength(3_601);
    expect(points[0]!.t).toBe(start + 99_000);
  });

  it('is seeded from the history, keeping live samples that arrived meanwhile after it', () => {
    const store = createMonitorStore();
    store.getState().append([sample(5_000), sample(6_000)]);
    store.getState().seed([system(1_000), system(2_000), system(5_000)]);
    expect(store.getState().system.map((s) => s.t)).toEqual([1_000, 2_000, 5_000, 6_000]);
    expect(store.getState().seeded).toBe(true);
  });

  it('ignores a sample older than the newest it holds', () => {
    const store = createMonitorStore();
    store.getState().seed([system(1_000), system(2_000)]);
    store.getState().append([sample(1_500), sample(3_000)]);
    expect(store.getState().system.map((s) => s.t)).toEqual([1_000, 2_000, 3_000]);
  });

  it('takes resource.sample events from an event batch', () => {
    const stores = createStores();
    applyEventBatch(stores, { events: [{ type: 'resource.sample', sample: sample(1_000) }, { type: 'resource.sample', sample: sample(2_000) }] });
    expect(stores.monitor.getState().system).toHaveLength(2);
  });
});
