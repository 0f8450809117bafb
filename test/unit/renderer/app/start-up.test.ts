// Start-up's order: the dashboard alone, then — once its cards are in the page and painted — everything else.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ProjectCard } from '../../../../shared/dashboard.js';
import { createActions } from '../../../../renderer/app/create-actions.js';
import { startUp } from '../../../../renderer/app/start-up.js';
import { createStores } from '../../../../renderer/app/stores.js';
import { FakeApi } from '../fixtures.js';

// The views' chunks are the browser's to fetch; here, only that start-up asks for them.
const preloaded = vi.hoisted(() => [] as string[]);
vi.mock('../../../../renderer/app/lazy-views.js', () => ({ preloadViews: (views: string[]) => preloaded.push(...views) }));

const card: ProjectCard = {
  project: { id: 'p1', name: 'demo', path: '/demo', template: null, status: 'active', createdAt: 1, description: '' },
  missing: false,
  workflows: [],
};

function started(dashboard: () => unknown = () => [card]) {
  const api = new FakeApi({
    'projects.dashboard': dashboard,
    'app.info': () => ({ version: '0.1.0', mode: 'browser', home: '/h', platform: 'linux', projectId: 'p1' }),
    'projects.list': () => [card.project],
    'workflows.list': () => [],
    'runs.list': () => [],
    'sessions.list': () => [],
    'actions.list': () => [],
  });
  const stores = createStores();
  startUp(stores, createActions(api, stores));
  return { api, stores, commands: () => api.calls.map((call) => call.command) };
}

/** Lets promises, timers and "frames" (timers here) run. */
const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

describe('start-up', () => {
  beforeEach(() => {
    preloaded.length = 0;
    vi.stubGlobal('requestAnimationFrame', (callback: () => void) => setTimeout(callback, 0));
  });
  afterEach(() => vi.unstubAllGlobals());

  it('asks for nothing but the dashboard until its cards are in the page, then for the rest and the editor chunk', async () => {
    const { stores, commands } = started();
    await settle();
    // The reply is in the store, but the view has not committed it yet: the other requests would get in its way.
    expect(stores.dashboard.getState().cards).toEqual([card]);
    expect(commands()).toEqual(['projects.dashboard']);
    expect(preloaded).toEqual([]);
    stores.dashboard.getState().markShown();
    await settle();
    expect(commands()).toEqual(expect.arrayContaining(['projects.dashboard', 'app.info', 'runs.list', 'sessions.list']));
    expect(preloaded).toContain('editor');
  });

  it('goes on when the dashboard could not be loaded (nothing to draw) or another view is shown first', async () => {
    const failed = started(() => {
      throw new Error('store is locked');
    });
    await settle();
    expect(failed.commands()).toContain('app.info');

    const elsewhere = started();
    await settle();
    expect(elsewhere.commands()).toEqual(['projects.dashboard']);
    elsewhere.stores.app.getState().showView('runs');
    await settle();
    expect(elsewhere.commands()).toContain('app.info');
  });
});
