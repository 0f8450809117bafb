import { describe, expect, it, vi } from 'vitest';
import type { WorkersStatus } from '../../../../shared/ipc.js';
import type { WorkerInfo } from '../../../../shared/model.js';
import { ApiError } from '../../../../renderer/api/api-error.js';
import { applyEventBatch } from '../../../../renderer/app/apply-event-batch.js';
import { createActions } from '../../../../renderer/app/create-actions.js';
import { formatAgo } from '../../../../renderer/app/format-time.js';
import { createStores } from '../../../../renderer/app/stores.js';
import { poolSummaries } from '../../../../renderer/resources/workers-store.js';
import { FakeApi, execution, stepRun } from '../fixtures.js';

const worker = (id: string, pool: string, fields: Partial<WorkerInfo> = {}): WorkerInfo => ({ id, host: `${id}-host`, pool, slots: 2, running: [], lastHeartbeat: 1_000, resources: {}, ...fields });
const ON = { url: 'redis://:***@cache:6379', connected: true, problem: null };

function app(status: WorkersStatus) {
  const api = new FakeApi({
    'workers.list': () => status,
    'queue.configure': ({ redisUrl }: { redisUrl: string | null }) => {
      if (redisUrl === 'redis://down:6379') throw new ApiError('failed', 'cannot reach Redis at redis://down:6379: connect ECONNREFUSED');
      return redisUrl === null ? { url: null, connected: false, problem: null } : ON;
    },
    'runs.get': ({ executionId }: { executionId: string }) => ({ ...execution(executionId, { build: stepRun('running') }, { workflowName: 'nightly' }), workflow: null }),
  });
  const stores = createStores();
  api.onEvents((batch) => applyEventBatch(stores, batch));
  return { api, stores, actions: createActions(api, stores) };
}

describe('the workers in the Resources view', () => {
  it('lists workers by pool then host, and names the runs their steps belong to (read once)', async () => {
    const { api, stores, actions } = app({ queue: ON, workers: [worker('b', 'gpu'), worker('a', 'default', { running: [{ executionId: 'e1', step: 'build' }] })], waiting: [] });
    await actions.loadWorkers();
    expect(stores.workers.getState().workers.map((entry) => entry.id)).toEqual(['a', 'b']);
    await vi.waitFor(() => expect(stores.runs.getState().runs.get('e1')?.summary?.workflowName).toBe('nightly'));
    await actions.loadWorkers();
    expect(api.calls.filter((call) => call.command === 'runs.get')).toHaveLength(1);
  });

  it('a workers.updated event replaces the list at once, the latest of a batch winning', () => {
    const { api, stores } = app({ queue: ON, workers: [], waiting: [] });
    api.emit({ events: [{ type: 'workers.updated', workers: [worker('a', 'default')] }, { type: 'workers.updated', workers: [worker('a', 'default'), worker('c', 'gpu')] }] });
    expect(stores.workers.getState().workers.map((entry) => entry.id)).toEqual(['a', 'c']);
  });

  it('a pool that steps wait for without a worker is its own entry with no workers; served pools add up slots', () => {
    const pools = poolSummaries([worker('a', 'default', { running: [{ executionId: 'e', step: 's' }] }), worker('b', 'default', { slots: 4 })], [{ pool: 'gpu', executionId: 'e', step: 'train' }]);
    expect(pools).toEqual([
      { pool: 'default', workers: 2, slots: 6, busy: 1, waiting: [] },
      { pool: 'gpu', workers: 0, slots: 0, busy: 0, waiting: [{ pool: 'gpu', executionId: 'e', step: 'train' }] },
    ]);
  });

  it('a Redis URL is checked before it is sent, and the engine\'s refusal comes back as the field\'s problem', async () => {
    const { api, stores, actions } = app({ queue: ON, workers: [], waiting: [] });
    expect(await actions.configureQueue('http://cache:6379')).toMatch(/not a Redis URL/);
    expect(await actions.configureQueue('  ')).toMatch(/Enter a Redis URL/);
    expect(api.calls.some((call) => call.command === 'queue.configure')).toBe(false);
    expect(await actions.configureQueue('redis://down:6379')).toBe('cannot reach Redis at redis://down:6379: connect ECONNREFUSED');
    expect(stores.workers.getState().queue.url).toBeNull();
    expect(await actions.configureQueue(' redis://:secret@cache:6379 ')).toBeNull();
    expect(api.calls.find((call) => call.command === 'queue.configure' && (call.request as { redisUrl: string | null }).redisUrl !== 'redis://down:6379')?.request).toEqual({ redisUrl: 'redis://:secret@cache:6379' });
    expect(stores.workers.getState().queue).toEqual(ON);
    expect(await actions.configureQueue(null)).toBeNull();
  });

  it('while the view watches, a step queued for a pool makes it re-read the workers (debounced)', async () => {
    vi.useFakeTimers();
    try {
      const { api, actions } = app({ queue: ON, workers: [], waiting: [] });
      await actions.loadWorkers();
      const stop = actions.watchWorkers(300, 60_000);
      const reads = (): number => api.calls.filter((call) => call.command === 'workers.list').length;
      api.emit({ events: [{ type: 'step.updated', executionId: 'e1', step: 'train', run: stepRun('queued', { reason: 'no worker in pool gpu' }) }] });
      api.emit({ events: [{ type: 'step.updated', executionId: 'e1', step: 'other', run: stepRun('queued') }] });
      expect(reads()).toBe(1);
      await vi.advanceTimersByTimeAsync(300);
      expect(reads()).toBe(2);
      stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it('a heartbeat reads as a relative time', () => {
    expect(formatAgo(10_000, 10_400)).toBe('now');
    expect(formatAgo(10_000, 14_900)).toBe('4 s ago');
    expect(formatAgo(0, 185_000)).toBe('3 m ago');
    expect(formatAgo(0, 2 * 3_600_000 + 5)).toBe('2 h ago');
  });
});
