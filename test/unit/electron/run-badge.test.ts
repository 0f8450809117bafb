import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExecutionSummary } from '../../../shared/events.js';
import type { ExecutionStatus } from '../../../shared/model.js';
import { EventBus } from '../../../electron/engine/event-bus.js';
import { showRunningRuns } from '../../../electron/main/run-badge.js';
import { app, resetFakeElectron } from './fake-electron.js';
import { invoke, launch } from './launch.js';

vi.mock('electron', () => import('./fake-electron.js'));
vi.mock('electron-store', () => import('./fake-electron-store.js'));

beforeEach(() => resetFakeElectron());

const update = (executionId: string, status: ExecutionStatus) => ({ type: 'execution.updated' as const, execution: { executionId, status } as ExecutionSummary });

describe('the window badge', () => {
  it('counts the runs in progress, once per change, and clears when stopped', () => {
    const events = new EventBus();
    const target = { setBadgeCount: vi.fn((_count: number) => true) };
    const stop = showRunningRuns(events, target, ['already']);
    events.emit(update('a', 'pending'));
    events.emit(update('a', 'running'));
    events.emit(update('b', 'running'));
    events.emit(update('already', 'completed'));
    events.emit(update('a', 'failed'));
    events.emit(update('b', 'interrupted'));
    stop();
    expect(target.setBadgeCount.mock.calls.map(([count]) => count)).toEqual([1, 2, 3, 2, 1, 0]);
  });

  it('shows a run the app starts while it runs', async () => {
    await launch();
    const { value } = (await invoke('runs.start', { projectId: (await invoke('app.info', {}) as { value: { projectId: string } }).value.projectId, workflowName: 'diamond' })) as { value: { executionId: string } };
    expect(value.executionId).toEqual(expect.any(String));
    await vi.waitFor(() => expect(app.setBadgeCount).toHaveBeenLastCalledWith(0), { timeout: 10_000 });
    expect(app.setBadgeCount.mock.calls.map(([count]) => count)).toEqual([0, 1, 0]);
  });
});
