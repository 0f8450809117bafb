import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventBatch } from '../../../shared/ipc.js';
import type { StepRun, StepStatus } from '../../../shared/model.js';
import { EVENTS_CHANNEL } from '../../../electron/main/channels.js';
import { resetFakeElectron, state } from './fake-electron.js';
import { launch } from './launch.js';

vi.mock('electron', () => import('./fake-electron.js'));
vi.mock('electron-store', () => import('./fake-electron-store.js'));

beforeEach(() => resetFakeElectron());

const STATUSES: StepStatus[] = ['pending', 'queued', 'running', 'retrying', 'running', 'succeeded', 'failed', 'skipped', 'cancelled', 'succeeded'];
const run = (status: StepStatus, attempts: number): StepRun => ({ status, attempts, startTime: 1, endTime: null, exitCode: null, error: null, outputs: {}, reason: null, logPath: null, logTail: '' });

describe('events pushed to the window', () => {
  it('go out in batches however many steps change; the final states are exact', async () => {
    const { app } = await launch();
    const send = state.windows[0]!.webContents.send;
    const expected = new Map<string, StepRun>();
    // 10,000 events over several ticks, as a busy run would emit them.
    for (let chunk = 0; chunk < 100; chunk++) {
      for (let i = 0; i < 100; i++) {
        const step = `s${(chunk * 100 + i) % 1000}`;
        const event = { type: 'step.updated' as const, executionId: 'e1', step, run: run(STATUSES[chunk % STATUSES.length]!, chunk) };
        expected.set(step, event.run);
        app.main.engine.events.emit(event);
      }
      await new Promise((resolve) => setTimeout(resolve, chunk % 10 === 0 ? 5 : 0));
    }
    await vi.waitFor(() => {
      const seen = new Map<string, StepRun>();
      for (const [, batch] of send.mock.calls as [string, EventBatch][]) for (const event of batch.events) if (event.type === 'step.updated') seen.set(event.step, event.run);
      expect(seen).toEqual(expected);
    });
    expect(send.mock.calls.length).toBeGreaterThan(0);
    expect(send.mock.calls.every(([channel]) => channel === EVENTS_CHANNEL)).toBe(true);
    // The last batch holds each of its steps once, in its latest state.
    const last = (send.mock.calls.at(-1)![1] as EventBatch).events;
    const steps = last.map((event) => (event.type === 'step.updated' ? event.step : ''));
    expect(new Set(steps).size).toBe(steps.length);
    for (const event of last) if (event.type === 'step.updated') expect(event.run).toEqual(expected.get(event.step));
  });

  it('changed within one tick go out as one batch, each step once in its latest state', async () => {
    const { app } = await launch();
    const send = state.windows[0]!.webContents.send;
    for (let i = 0; i < 1000; i++) app.main.engine.events.emit({ type: 'step.updated', executionId: 'e2', step: `s${i % 100}`, run: run(STATUSES[i % STATUSES.length]!, i) });
    const ofBurst = (): EventBatch[] => (send.mock.calls as [string, EventBatch][]).map(([, batch]) => batch).filter((batch) => batch.events.some((event) => event.type === 'step.updated' && event.executionId === 'e2'));
    await vi.waitFor(() => expect(ofBurst()).toHaveLength(1));
    expect(ofBurst()[0]!.events.map((event) => (event.type === 'step.updated' ? [event.step, event.run.attempts] : []))).toEqual(Array.from({ length: 100 }, (_, i) => [`s${i}`, 900 + i]));
  });

  it('stop when the app shuts down', async () => {
    const { app } = await launch();
    await app.shutdown();
    const send = state.windows[0]!.webContents.send;
    send.mockClear();
    app.main.engine.events.emit({ type: 'step.log', executionId: 'e1', step: 'a', text: 'late\n' });
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(send).not.toHaveBeenCalled();
  });
});
