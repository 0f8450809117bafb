import { describe, expect, it } from 'vitest';
import type { WorkflowStep } from '../../../../shared/model.js';
import { createActions } from '../../../../renderer/app/create-actions.js';
import { ApiError } from '../../../../renderer/api/api-error.js';
import { createBenchHook } from '../../../../renderer/app/bench-hook.js';
import { stepTotal } from '../../../../renderer/runs/run-progress.js';
import { applyEventBatch } from '../../../../renderer/app/apply-event-batch.js';
import { createStores } from '../../../../renderer/app/stores.js';
import { FakeApi, execution, stepRun, summary } from '../fixtures.js';

const noop = (name: string, dependencies: string[] = []): WorkflowStep => ({
  name, module: 'control', action: 'noop', parameters: {}, dependencies, resources: {}, runWhen: 'success', continueOnError: false, priority: 'normal',
});
const diamond = { version: 1 as const, name: 'diamond', description: 'Fan out, fan in', env: {}, params: {}, resources: {}, steps: [noop('a'), noop('b', ['a'])] };

function app(overrides: ConstructorParameters<typeof FakeApi>[0] = {}) {
  const api = new FakeApi({
    'app.info': () => ({ version: '0.1.0', mode: 'browser', home: '/h', platform: 'linux', projectId: 'p1' }),
    'projects.list': () => [{ id: 'p1', name: 'demo', path: '/demo', template: null, status: 'active', createdAt: 1, description: '' }],
    'workflows.list': () => [{ name: 'diamond', description: 'Fan out, fan in', steps: 2, file: '/demo/diamond.yaml', problems: [] }],
    'workflows.get': () => ({ workflow: diamond, file: '/demo/diamond.yaml', problems: [] }),
    'runs.start': () => ({ executionId: 'e1' }),
    ...overrides,
  });
  const stores = createStores();
  api.onEvents((batch) => applyEventBatch(stores, batch));
  return { api, stores, actions: createActions(api, stores) };
}

describe('the actions over the client', () => {
  it("pressing Projects while a project's page shows goes back to all projects; from another view it keeps the page", () => {
    const { stores, actions } = app();
    actions.showView('projects');
    stores.dashboard.getState().openPage('p1');
    actions.showView('editor');
    actions.showView('projects');
    expect(stores.dashboard.getState().page?.projectId).toBe('p1');
    actions.showView('projects');
    expect(stores.dashboard.getState().page).toBeNull();
    expect(stores.app.getState().view).toBe('projects');
  });

  it('start-up loads app info, the projects and the current project\'s workflows', async () => {
    const { stores, actions } = app();
    await actions.loadProjects();
    expect(stores.app.getState().projectId).toBe('p1');
    expect(stores.projects.getState().workflows.map((entry) => entry.name)).toEqual(['diamond']);
  });

  it('opening a workflow shows it laid out in the Editor', async () => {
    const { stores, actions } = app();
    await actions.loadProjects();
    await actions.openWorkflow('diamond');
    expect(stores.app.getState().view).toBe('editor');
    expect(stores.graph.getState().nodes.map((node) => node.id)).toEqual(['a', 'b']);
  });

  it('Run starts the shown workflow in the current project and shows that run', async () => {
    const { api, stores, actions } = app();
    await actions.loadProjects();
    await actions.openWorkflow('diamond');
    await actions.startRun();
    expect(api.calls.find((call) => call.command === 'runs.start')).toEqual({ command: 'runs.start', request: { projectId: 'p1', workflowName: 'diamond' } });
    expect(stores.runs.getState().shownExecutionId).toBe('e1');
  });

  it('a failed command becomes a dismissible notice, not a rejection', async () => {
    const { stores, actions } = app({
      'workflows.get': () => {
        throw new ApiError('invalid-workflow', 'diamond.yaml: step "b": unknown dependency "z"', [{ step: 'b', message: 'unknown dependency "z"' }]);
      },
    });
    await actions.loadProjects();
    await expect(actions.openWorkflow('diamond')).resolves.toBe(false);
    const [notice] = stores.notices.getState().notices;
    expect(notice).toMatchObject({ code: 'invalid-workflow', message: 'diamond.yaml: step "b": unknown dependency "z"' });
    actions.dismissNotice(notice!.id);
    expect(stores.notices.getState().notices).toEqual([]);
  });

  it('opening a run from the list shows it in the run view, drawn from the workflow it ran, with its statuses', async () => {
    const snapshot = { version: 1 as const, name: 'diamond', description: 'as it was', env: {}, params: {}, resources: {}, steps: [] };
    const { stores, actions } = app({
      'runs.get': () => ({ ...execution('e9', { a: stepRun('succeeded'), b: stepRun('failed') }, { status: 'failed', endTime: 2_000 }), workflow: snapshot }),
      'runs.stats': () => ({ runs: 0, medianDurationMs: null, stepMedianMs: {} }),
    });
    await actions.loadProjects();
    await actions.openRun('e9');
    expect(stores.app.getState().view).toBe('runs');
    expect(stores.runView.getState()).toMatchObject({ page: 'run', tabs: ['e9'] });
    expect(stores.runView.getState().snapshots.get('e9')?.description).toBe('as it was');
    // The editor's graph is not touched: it still holds whatever was open there.
    expect(stores.graph.getState().shown).toBeNull();
    expect(stores.runs.getState().shownExecutionId).toBe('e9');
    expect(stores.runs.getState().runs.get('e9')!.steps.get('b')?.status).toBe('failed');
  });

  it('the bench hook resolves once every step is final and a frame has passed', async () => {
    const { api, stores, actions } = app();
    await actions.loadProjects();
    const frames: (() => void)[] = [];
    const hook = createBenchHook(api, stores, () => new Promise((resolve) => frames.push(resolve)));
    const result = hook.runAndWait('diamond');
    await Promise.resolve();
    await Promise.resolve();
    api.emit({ events: [{ type: 'step.updated', executionId: 'e1', step: 'a', run: stepRun('succeeded') }, { type: 'step.updated', executionId: 'e1', step: 'b', run: stepRun('running') }] });
    api.emit({ events: [{ type: 'step.updated', executionId: 'e1', step: 'b', run: stepRun('succeeded') }, { type: 'execution.updated', execution: summary('e1', { status: 'completed', startTime: 10, endTime: 20 }) }] });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(frames).toHaveLength(1);
    frames[0]!();
    await expect(result).resolves.toMatchObject({ succeeded: 2, other: 0, startTime: 10, endTime: 20 });
  });

  it("the editor's run header counts every step of the workflow from the start, before events name them", async () => {
    const { api, stores, actions } = app({ 'runs.get': () => null });
    await actions.loadProjects();
    await actions.openWorkflow('diamond');
    await actions.startRun();
    api.emit({ events: [{ type: 'step.updated', executionId: 'e1', step: 'a', run: stepRun('running') }] });
    const record = stores.runs.getState().runs.get('e1')!;
    expect(record.steps.size).toBe(1);
    expect(stepTotal(record.steps.size, stores.runView.getState().snapshots.get('e1'))).toBe(2);
  });

  it("opening a project's page makes its project current; switching the editor's project closes the other's workflow", async () => {
    const { stores, actions } = app();
    await actions.loadProjects();
    await actions.openWorkflow('diamond');
    await actions.openProjectPage('p2');
    expect(stores.app.getState().projectId).toBe('p2');
    expect(stores.dashboard.getState().page).toEqual({ projectId: 'p2', history: null, runs: null });
    // The open workflow stays open, and stays p1's: the editor's header names p1, and New goes there.
    expect(stores.graph.getState().shown).toMatchObject({ projectId: 'p1', name: 'diamond' });
    expect(await actions.switchProject('p1')).toBe(true);
    expect(stores.graph.getState().shown).toMatchObject({ projectId: 'p1', name: 'diamond' });
    expect(stores.app.getState().projectId).toBe('p1');
    expect(await actions.switchProject('p2')).toBe(true);
    expect(stores.graph.getState().shown).toBeNull();
    expect(stores.app.getState().projectId).toBe('p2');
  });
});
