// The app's own dialogs drive every question an action asks; window.prompt/alert/confirm are a tripwire (Electron has
// no prompt), so each flow here fails if anything in the renderer reaches for them.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../../renderer/api/api-error.js';
import { createActions } from '../../../../renderer/app/create-actions.js';
import type { Notifier } from '../../../../renderer/app/browser-notifier.js';
import type { DialogRequest } from '../../../../renderer/ui/dialog-store.js';
import { selectDirty } from '../../../../renderer/editor/graph-store.js';
import { createStores } from '../../../../renderer/app/stores.js';
import type { WorkflowEntry } from '../../../../shared/ipc.js';
import { DOC, step, workflow } from '../editor/editor-fixtures.js';
import { FakeApi } from '../fixtures.js';

const silent: Notifier = { permission: () => 'denied', request: async () => 'denied', show: () => {} };
const entry = (name: string): WorkflowEntry => ({ name, description: '', steps: 1, file: `/p/.codomyrmex/workflows/${name}.yaml`, revision: 'r', problems: [] });
const PROJECT = { id: 'p1', name: 'Shop', path: '/home/me/shop', template: null, status: 'active' as const, createdAt: 1, description: '' };

const blocking = (name: string) => () => {
  throw new Error(`window.${name} was called: Electron has none (prompt) or it blocks the app (alert, confirm)`);
};

beforeEach(() => {
  const tripwire = { prompt: blocking('prompt'), alert: blocking('alert'), confirm: blocking('confirm') };
  vi.stubGlobal('window', tripwire);
  for (const [name, fn] of Object.entries(tripwire)) vi.stubGlobal(name, fn);
});
afterEach(() => vi.unstubAllGlobals());

function setup(handlers: ConstructorParameters<typeof FakeApi>[0] = {}) {
  const stores = createStores();
  const api = new FakeApi({ 'workflows.list': () => [entry('build'), entry('Deploy')], 'workflows.save': () => ({ workflow: null, file: 'f', format: 'yaml', revision: 'r2', problems: [] }), ...handlers });
  // No dialogs argument: the app's own, as main.tsx builds them.
  const actions = createActions(api, stores, undefined, silent);
  stores.projects.getState().setProjects([PROJECT]);
  stores.app.getState().selectProject('p1');
  /** The question on screen, once the action has reached it. */
  const asked = async (): Promise<{ id: number; request: DialogRequest }> => {
    await vi.waitFor(() => expect(stores.dialogs.getState().open).toHaveLength(1));
    return stores.dialogs.getState().open[0]!;
  };
  const answer = (id: number, value: boolean | string | null | undefined): void => stores.dialogs.getState().answer(id, value);
  return { stores, api, actions, asked, answer };
}

function promptOf(request: DialogRequest) {
  if (request.kind !== 'prompt') throw new Error(`expected a name prompt, got a ${request.kind} dialog`);
  return request.question;
}

describe('"New workflow…" in the app\'s dialog', () => {
  it('names the target project and refuses a taken, empty or unsafe name inside the dialog', async () => {
    const { actions, asked, answer, stores } = setup();
    const created = actions.newWorkflow();
    const { id, request } = await asked();
    const question = promptOf(request);
    expect(question.title).toBe('New workflow');
    expect(question.hint).toBe('In project "Shop", as .codomyrmex/workflows/<name>.yaml');
    expect(question.validate('build')).toBe('"Shop" already has a workflow named "build": choose another name.');
    expect(question.validate('deploy')).toBe('"Shop" already has a workflow named "Deploy": choose another name.');
    expect(question.validate('  ')).toBe('Give the workflow a name.');
    expect(question.validate('a/b')).toBe('"/" cannot be in a workflow name (it becomes a file name): use letters, digits, "-", "_" or ".".');
    expect(question.validate('.hidden')).toBe('A workflow name cannot start with "." (the file would be hidden).');
    expect(question.validate('nightly')).toBeNull();
    answer(id, 'nightly');
    expect(await created).toBe(true);
    expect(stores.graph.getState().shown).toMatchObject({ projectId: 'p1', name: 'nightly', revision: null });
    expect(stores.dialogs.getState().open).toEqual([]);
  });

  it('goes to the project it is given, naming that one', async () => {
    const { actions, asked, answer, stores } = setup();
    stores.projects.getState().setProjects([PROJECT, { ...PROJECT, id: 'p2', name: 'Blog', path: '/home/me/blog' }]);
    const created = actions.newWorkflow('p2');
    const { id, request } = await asked();
    expect(promptOf(request).hint).toBe('In project "Blog", as .codomyrmex/workflows/<name>.yaml');
    answer(id, 'posts');
    expect(await created).toBe(true);
    expect(stores.graph.getState().shown).toMatchObject({ projectId: 'p2', name: 'posts' });
  });

  it('cancelled, it opens nothing', async () => {
    const { actions, asked, answer, stores } = setup();
    const created = actions.newWorkflow();
    answer((await asked()).id, null);
    expect(await created).toBe(false);
    expect(stores.graph.getState().shown).toBeNull();
  });
});

describe('"Save as…" in the app\'s dialog', () => {
  it('offers "<name>-copy", refuses a taken name in the dialog, and saves under the accepted one', async () => {
    const { actions, asked, answer, api, stores } = setup();
    stores.graph.getState().open(DOC, workflow([step('a')]));
    const saving = actions.saveAs();
    const { id, request } = await asked();
    const question = promptOf(request);
    expect(question).toMatchObject({ title: 'Save workflow as', initial: 'w-copy', submitLabel: 'Save' });
    expect(question.validate('build')).toBe('"Shop" already has a workflow named "build": choose another name.');
    answer(id, 'w-copy');
    expect(await saving).toBe(true);
    expect(api.calls.find((call) => call.command === 'workflows.save')!.request).toMatchObject({ projectId: 'p1', name: 'w-copy', baseRevision: null });
  });
});

describe('questions that were window.confirm', () => {
  it('opening another workflow over unsaved edits asks in a dialog; "Cancel" keeps the edits', async () => {
    const { actions, asked, answer, stores } = setup();
    stores.graph.getState().open(DOC, workflow([step('a')]));
    actions.rename('a', 'mine');
    const opening = actions.openWorkflow('other', 'p1');
    const { id, request } = await asked();
    expect(request).toMatchObject({ kind: 'confirm', question: { title: 'Discard unsaved changes?', confirmLabel: 'Discard changes', danger: true } });
    answer(id, false);
    expect(await opening).toBe(false);
    expect(stores.graph.getState().workflow!.steps[0]!.name).toBe('mine');
    expect(selectDirty(stores.graph.getState())).toBe(true);
  });

  it('forgetting a project asks in a dialog and forgets it only on "Forget project"', async () => {
    const { actions, asked, answer, api } = setup({ 'projects.remove': () => ({ removed: true }) });
    const refused = actions.forgetProject('p1');
    answer((await asked()).id, false);
    expect(await refused).toBe(false);
    expect(api.calls.some((call) => call.command === 'projects.remove')).toBe(false);
    const agreed = actions.forgetProject('p1');
    const { id, request } = await asked();
    expect(request).toMatchObject({ kind: 'confirm', question: { confirmLabel: 'Forget project' } });
    answer(id, true);
    expect(await agreed).toBe(true);
    expect(api.calls.filter((call) => call.command === 'projects.remove')).toHaveLength(1);
  });
});

describe('"Open folder" where the machine has no file manager', () => {
  it('says why in a dialog and shows the path to copy, instead of a raw error', async () => {
    const { actions, asked, answer, stores } = setup({ 'projects.open': () => { throw new ApiError('failed', 'cannot open the folder of /home/me/shop: xdg-open is not installed'); } });
    const opening = actions.openProjectIn('p1', 'folder');
    const { id, request } = await asked();
    expect(request).toEqual({ kind: 'path', notice: { title: 'Cannot open the folder here', reason: 'cannot open the folder of /home/me/shop: xdg-open is not installed', path: '/home/me/shop' } });
    answer(id, undefined);
    expect(await opening).toBe(false);
    expect(stores.notices.getState().notices).toEqual([]);
  });
});

describe('the dialog store', () => {
  it('shows two questions one after the other, and ignores a second answer to the same one', async () => {
    const { stores } = setup();
    const first = stores.dialogs.getState().ask({ kind: 'confirm', question: { title: 'A', message: 'a', confirmLabel: 'Yes' } });
    const second = stores.dialogs.getState().ask({ kind: 'confirm', question: { title: 'B', message: 'b', confirmLabel: 'Yes' } });
    const [a, b] = stores.dialogs.getState().open;
    stores.dialogs.getState().answer(a!.id, true);
    // The native <dialog>'s close event after the click answers again: it must not touch the next question.
    stores.dialogs.getState().answer(a!.id, false);
    expect(stores.dialogs.getState().open.map((dialog) => dialog.id)).toEqual([b!.id]);
    stores.dialogs.getState().answer(b!.id, false);
    expect([await first, await second]).toEqual([true, false]);
  });
});
