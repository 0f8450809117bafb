import { describe, expect, it } from 'vitest';
import type { Session } from '../../../../shared/model.js';
import { createActions } from '../../../../renderer/app/create-actions.js';
import type { Notifier } from '../../../../renderer/app/browser-notifier.js';
import { createStores } from '../../../../renderer/app/stores.js';
import { FakeApi } from '../fixtures.js';

const silent: Notifier = { permission: () => 'denied', request: async () => 'denied', show: () => {} };
const dialogs = { confirm: async () => true, prompt: async () => null, showPath: async () => undefined };

describe('session actions', () => {
  it('a new session is bound to the chosen project, becomes current, and the next run starts in it', async () => {
    const created: Session = { sessionId: 's1', name: 'release', projectId: 'p2', createdAt: 1, status: 'active', variables: {}, env: {} };
    const api = new FakeApi({
      'sessions.create': () => created,
      'runs.start': () => ({ executionId: 'e1' }),
    });
    const stores = createStores();
    const actions = createActions(api, stores, dialogs, silent);
    expect(await actions.createSession('  release ', 'p2')).toBe(true);
    expect(api.calls[0]).toEqual({ command: 'sessions.create', request: { name: 'release', projectId: 'p2' } });
    expect(stores.sessions.getState().currentSessionId).toBe('s1');

    stores.graph.getState().open({ projectId: 'p2', name: 'ci', file: 'ci.yaml', format: 'yaml', revision: 'r1' }, { version: 1, name: 'ci', description: '', env: {}, params: {}, resources: {}, steps: [] });
    await actions.startRun({ target: 'dist' });
    expect(api.calls.find((call) => call.command === 'runs.start')).toEqual({ command: 'runs.start', request: { projectId: 'p2', workflowName: 'ci', params: { target: 'dist' }, sessionId: 's1' } });
    expect(stores.runView.getState().startedHere.has('e1')).toBe(true);
  });

  it("a run of another project's workflow leaves the current session out, and a notice names both projects", async () => {
    const sessions: Session[] = [
      { sessionId: 's-a', name: 'work-a', projectId: 'pa', createdAt: 2, status: 'active', variables: {}, env: {} },
      { sessionId: 's-any', name: 'loose', projectId: null, createdAt: 1, status: 'active', variables: {}, env: {} },
    ];
    const api = new FakeApi({ 'sessions.list': () => sessions, 'runs.start': () => ({ executionId: 'e1' }) });
    const stores = createStores();
    stores.projects.getState().setProjects([
      { id: 'pa', name: 'alpha', path: '/alpha', template: null, status: 'active', createdAt: 1, description: '' },
      { id: 'pb', name: 'beta', path: '/beta', template: null, status: 'active', createdAt: 1, description: '' },
    ]);
    const actions = createActions(api, stores, dialogs, silent);
    await actions.loadSessions();
    actions.switchSession('s-a');
    await actions.runWorkflow('pb', 'build');
    await actions.runWorkflow('pa', 'build');
    actions.switchSession('s-any');
    await actions.runWorkflow('pb', 'build');
    expect(api.calls.filter((call) => call.command === 'runs.start').map((call) => call.request)).toEqual([
      { projectId: 'pb', workflowName: 'build' },
      { projectId: 'pa', workflowName: 'build', sessionId: 's-a' },
      { projectId: 'pb', workflowName: 'build', sessionId: 's-any' },
    ]);
    expect(stores.notices.getState().notices.map((notice) => notice.message)).toEqual(['Ran build of beta without the session "work-a": that session belongs to alpha.']);
  });

  it('a rename trims the name; an empty one is refused without asking the engine', async () => {
    const api = new FakeApi({ 'sessions.update': (request: { sessionId: string; name: string }) => ({ sessionId: request.sessionId, name: request.name, projectId: null, createdAt: 1, status: 'active', variables: {}, env: {} }) });
    const stores = createStores();
    const actions = createActions(api, stores, dialogs, silent);
    expect(await actions.updateSession('s1', { name: '   ' })).toBe(false);
    expect(await actions.updateSession('s1', { name: ' nightly ' })).toBe(true);
    expect(api.calls).toEqual([{ command: 'sessions.update', request: { sessionId: 's1', name: 'nightly' } }]);
    expect(stores.sessions.getState().sessions[0]?.name).toBe('nightly');
  });
});
