import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ProjectCard } from '../../../../shared/dashboard.js';
import { createActions } from '../../../../renderer/app/create-actions.js';
import { DASHBOARD_REFRESH_MS } from '../../../../renderer/projects/dashboard-actions.js';
import type { Notifier } from '../../../../renderer/app/browser-notifier.js';
import { applyEventBatch } from '../../../../renderer/app/apply-event-batch.js';
import { createDashboardStore } from '../../../../renderer/projects/dashboard-store.js';
import { createStores } from '../../../../renderer/app/stores.js';
import { FakeApi, stepRun, summary } from '../fixtures.js';

const silent: Notifier = { permission: () => 'denied', request: async () => 'denied', show: () => {} };
const dialogs = { confirm: async () => true, prompt: async () => null, showPath: async () => undefined };

const card = (id: string, runs = 0): ProjectCard => ({
  project: { id, name: id, path: `/p/${id}`, template: null, status: 'active', createdAt: 1, description: '' },
  missing: false,
  workflows: [{ workflowName: 'ci', lastRun: null, runs, successRate: null, medianDurationMs: null, daily: [], hasFile: true }],
});

describe('the dashboard store', () => {
  it('replaces only the refreshed cards, so the others keep their identity and do not re-render', () => {
    const store = createDashboardStore();
    store.getState().setCards([card('a'), card('b')]);
    const [a] = store.getState().cards;
    store.getState().refreshCards([card('a', 5), card('b', 7), card('c')], new Set(['b']));
    const [a2, b2, c2] = store.getState().cards;
    expect(a2).toBe(a);
    expect(b2!.workflows[0]!.runs).toBe(7);
    expect(c2!.project.id).toBe('c');
  });

  it('keeps the cards that read the same when set again (the page\'s first cards, then the first reply): no re-render', () => {
    const store = createDashboardStore();
    store.getState().setCards([card('a'), card('b', 3)]);
    const before = store.getState();
    // The same data, other objects (a reply parsed afresh): nothing changes, not even the state.
    store.getState().setCards([card('a'), card('b', 3)]);
    expect(store.getState()).toBe(before);
    // One card changed, one new: only they are new objects.
    store.getState().setCards([card('a'), card('b', 4), card('c')]);
    const [a, b, c] = store.getState().cards;
    expect(a).toBe(before.cards[0]);
    expect(b).not.toBe(before.cards[1]);
    expect(b!.workflows[0]!.runs).toBe(4);
    expect(c!.project.id).toBe('c');
    // A project forgotten elsewhere leaves the list.
    store.getState().setCards([card('c')]);
    expect(store.getState().cards.map((held) => held.project.id)).toEqual(['c']);
  });

  it('marks the projects of execution events stale, never for step events', () => {
    const stores = createStores();
    stores.dashboard.getState().setCards([card('p1')]);
    applyEventBatch(stores, { events: [{ type: 'step.updated', executionId: 'e1', step: 'build', run: stepRun('running') }] });
    expect(stores.dashboard.getState().stale.size).toBe(0);
    applyEventBatch(stores, { events: [{ type: 'execution.updated', execution: summary('e1', { projectId: 'p1', status: 'completed' }) }] });
    expect([...stores.dashboard.getState().stale]).toEqual(['p1']);
  });
});

describe('the dashboard refresh on execution events', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fetches once for a burst of execution events, after the debounce delay, and replaces the affected card', async () => {
    let fetched = 0;
    const api = new FakeApi({ 'projects.dashboard': () => [card('p1', ++fetched), card('p2', fetched)] });
    const stores = createStores();
    const actions = createActions(api, stores, dialogs, silent);
    await actions.loadDashboard();
    const untouched = stores.dashboard.getState().cards[1];
    const stop = actions.watchDashboard();
    for (const status of ['running', 'running', 'completed'] as const) {
      applyEventBatch(stores, { events: [{ type: 'execution.updated', execution: summary('e1', { projectId: 'p1', status }) }] });
    }
    await vi.advanceTimersByTimeAsync(DASHBOARD_REFRESH_MS - 50);
    expect(fetched).toBe(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(fetched).toBe(2);
    expect(stores.dashboard.getState().cards[0]!.workflows[0]!.runs).toBe(2);
    expect(stores.dashboard.getState().cards[1]).toBe(untouched);
    expect(stores.dashboard.getState().stale.size).toBe(0);
    stop();
    applyEventBatch(stores, { events: [{ type: 'execution.updated', execution: summary('e2', { projectId: 'p2', status: 'completed' }) }] });
    await vi.advanceTimersByTimeAsync(DASHBOARD_REFRESH_MS * 2);
    expect(fetched).toBe(2);
  });

  it('a Run from a card starts the workflow in the current session and refreshes that card', async () => {
    const api = new FakeApi({ 'runs.start': () => ({ executionId: 'e9' }), 'projects.dashboard': () => [card('p1', 1)] });
    const stores = createStores();
    const actions = createActions(api, stores, dialogs, silent);
    stores.dashboard.getState().setCards([card('p1')]);
    const stop = actions.watchDashboard();
    expect(await actions.runWorkflow('p1', 'ci')).toBe('e9');
    expect(api.calls[0]).toEqual({ command: 'runs.start', request: { projectId: 'p1', workflowName: 'ci' } });
    await vi.advanceTimersByTimeAsync(DASHBOARD_REFRESH_MS);
    expect(stores.dashboard.getState().cards[0]!.workflows[0]!.runs).toBe(1);
    stop();
  });
});
