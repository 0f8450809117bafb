import { describe, expect, it } from 'vitest';
import type { WorkflowDocument } from '../../../../shared/ipc.js';
import { ApiError } from '../../../../renderer/api/api-error.js';
import { createActions } from '../../../../renderer/app/create-actions.js';
import { respondToDiskChange } from '../../../../renderer/editor/disk-conflict.js';
import { selectDirty } from '../../../../renderer/editor/graph-store.js';
import { createStores } from '../../../../renderer/app/stores.js';
import { DOC, step, workflow } from './editor-fixtures.js';
import { FakeApi, execution, stepRun } from '../fixtures.js';

const saved = (revision: string): WorkflowDocument => ({ workflow: null, file: DOC.file, format: 'yaml', revision, problems: [] });

function setup(handlers: ConstructorParameters<typeof FakeApi>[0], answers: { confirm?: boolean; prompt?: string | null } = {}) {
  const stores = createStores();
  const api = new FakeApi({ 'workflows.list': () => [], ...handlers });
  const asked: string[] = [];
  const actions = createActions(api, stores, {
    confirm: async (question) => (asked.push(question.message), answers.confirm ?? false),
    prompt: async () => answers.prompt ?? null,
    showPath: async () => undefined,
  });
  stores.app.getState().selectProject('p1');
  stores.graph.getState().open(DOC, workflow([step('a')]));
  return { stores, api, actions, asked };
}

describe('saving', () => {
  it('saves with the revision it read, and is clean afterwards at the new revision', async () => {
    const { api, actions, stores } = setup({ 'workflows.save': () => saved('r2') });
    actions.rename('a', 'b');
    expect(await actions.save()).toBe(true);
    expect(api.calls[0]).toMatchObject({ command: 'workflows.save', request: { projectId: 'p1', name: 'w', baseRevision: 'r1' } });
    expect(selectDirty(stores.graph.getState())).toBe(false);
    expect(stores.graph.getState().shown!.revision).toBe('r2');
  });

  it('a conflict from save shows the conflict bar; "keep mine" saves again with force', async () => {
    let calls = 0;
    const { api, actions, stores } = setup({
      'workflows.save': () => {
        calls++;
        if (calls === 1) throw new ApiError('conflict', 'changed on disk');
        return saved('r3');
      },
    });
    actions.rename('a', 'b');
    expect(await actions.save()).toBe(false);
    expect(stores.editor.getState().conflict).toMatchObject({ name: 'w' });
    expect(await actions.keepMine()).toBe(true);
    expect(api.calls[1]!.request).toMatchObject({ force: true, baseRevision: 'r1' });
    expect(stores.editor.getState().conflict).toBeNull();
  });

  it('save as asks a name and creates a new file', async () => {
    const { api, actions, stores } = setup({ 'workflows.save': () => saved('r9') }, { prompt: 'copy' });
    expect(await actions.saveAs()).toBe(true);
    expect(api.calls.find((call) => call.command === 'workflows.save')!.request).toMatchObject({ name: 'copy', baseRevision: null });
    expect(stores.graph.getState().shown!.name).toBe('copy');
  });
});

describe('a file changed on disk', () => {
  it('is ignored when it is our own save echoing back, or another file', () => {
    expect(respondToDiskChange(DOC, true, { projectId: 'p1', name: 'w', revision: 'r1' })).toBe('ignore');
    expect(respondToDiskChange(DOC, true, { projectId: 'p1', name: 'other', revision: 'x' })).toBe('ignore');
  });

  it('reloads a clean editor silently, with a notice', async () => {
    const { actions, stores } = setup({ 'workflows.get': () => ({ ...saved('r2'), workflow: workflow([step('theirs')]) }) });
    await actions.onDiskChange({ projectId: 'p1', name: 'w', revision: 'r2' });
    expect(stores.graph.getState().workflow!.steps[0]!.name).toBe('theirs');
    expect(stores.notices.getState().notices[0]!.message).toContain('reloaded');
  });

  it('never replaces unsaved edits: a dirty editor shows the conflict bar instead', async () => {
    const { actions, stores } = setup({});
    actions.rename('a', 'mine');
    await actions.onDiskChange({ projectId: 'p1', name: 'w', revision: 'r2' });
    expect(stores.graph.getState().workflow!.steps[0]!.name).toBe('mine');
    expect(stores.editor.getState().conflict).toEqual({ projectId: 'p1', name: 'w', revision: 'r2' });
  });

  it('"reload theirs" drops the edits and reads the file again', async () => {
    const { actions, stores } = setup({ 'workflows.get': () => ({ ...saved('r2'), workflow: workflow([step('theirs')]) }) });
    actions.rename('a', 'mine');
    await actions.onDiskChange({ projectId: 'p1', name: 'w', revision: 'r2' });
    await actions.reloadTheirs();
    expect(stores.graph.getState().workflow!.steps[0]!.name).toBe('theirs');
    expect(stores.editor.getState().conflict).toBeNull();
    expect(selectDirty(stores.graph.getState())).toBe(false);
  });
});

describe('unsaved changes', () => {
  it('opening another workflow asks first, and keeps the edits when the user says no', async () => {
    const { actions, asked, stores } = setup({});
    actions.rename('a', 'mine');
    expect(await actions.openWorkflow('other', 'p1')).toBe(false);
    expect(asked).toHaveLength(1);
    expect(stores.graph.getState().workflow!.steps[0]!.name).toBe('mine');
  });

  it('a new workflow asks a name and opens empty and unsaved', async () => {
    const { actions, stores } = setup({}, { prompt: 'fresh' });
    expect(await actions.newWorkflow()).toBe(true);
    expect(stores.graph.getState().shown).toMatchObject({ name: 'fresh', revision: null });
    expect(stores.graph.getState().workflow!.steps).toEqual([]);
    expect(selectDirty(stores.graph.getState())).toBe(true);
  });

  it('an imported file opens as a new unsaved workflow', async () => {
    const { actions, stores } = setup({ 'workflows.parse': () => ({ workflow: workflow([step('imported')]), problems: [] }) });
    expect(await actions.importFile({ name: 'ci.yaml', text: async () => 'version: 1' })).toBe(true);
    expect(stores.graph.getState().shown).toMatchObject({ name: 'ci', revision: null });
    expect(selectDirty(stores.graph.getState())).toBe(true);
  });

  it('run saves unsaved edits first (save-and-run)', async () => {
    const { actions, api } = setup({ 'workflows.save': () => saved('r2'), 'runs.start': () => ({ executionId: 'e1' }) });
    actions.rename('a', 'b');
    expect(await actions.startRun()).toBe('e1');
    // Then the run's record, so its header counts every step from the start.
    expect(api.calls.map((call) => call.command)).toEqual(['workflows.save', 'runs.start', 'runs.get']);
  });
});

describe('the run shown over the open workflow', () => {
  /** The open workflow `w` of p1 shows its finished run e1. */
  function showingItsRun(handlers: ConstructorParameters<typeof FakeApi>[0], answers: { prompt?: string | null } = {}) {
    const setUp = setup(handlers, { confirm: true, ...answers });
    setUp.stores.runs.getState().loadExecution(execution('e1', { a: stepRun('succeeded') }, { workflowName: 'w', projectId: 'p1', status: 'completed', endTime: 2_000 }));
    setUp.stores.runs.getState().show('e1');
    return setUp;
  }

  it("is dropped for a new workflow, an import and a copy saved under another name: none shows another workflow's run", async () => {
    const fresh = showingItsRun({}, { prompt: 'fresh' });
    expect(await fresh.actions.newWorkflow()).toBe(true);
    expect(fresh.stores.runs.getState().shownExecutionId).toBeNull();

    const imported = showingItsRun({ 'workflows.parse': () => ({ workflow: workflow([step('x')]), problems: [] }) });
    expect(await imported.actions.importFile({ name: 'w.yaml', text: async () => 'version: 1' })).toBe(true);
    expect(imported.stores.runs.getState().shownExecutionId).toBeNull();

    const copy = showingItsRun({ 'workflows.save': () => saved('r9') }, { prompt: 'copy' });
    expect(await copy.actions.saveAs()).toBe(true);
    expect(copy.stores.runs.getState().shownExecutionId).toBeNull();
  });

  it("is dropped when a same-named workflow of another project opens, and kept when the workflow's own file is saved", async () => {
    const other = showingItsRun({ 'workflows.get': () => ({ workflow: workflow([step('a')]), file: '/q/w.yaml', format: 'yaml', revision: 'q1', problems: [] }) });
    expect(await other.actions.openWorkflow('w', 'p2')).toBe(true);
    expect(other.stores.graph.getState().shown).toMatchObject({ projectId: 'p2', name: 'w' });
    expect(other.stores.runs.getState().shownExecutionId).toBeNull();

    const same = showingItsRun({ 'workflows.save': () => saved('r2') });
    same.actions.rename('a', 'b');
    expect(await same.actions.save()).toBe(true);
    expect(same.stores.runs.getState().shownExecutionId).toBe('e1');
  });
});
