import { describe, expect, it } from 'vitest';
import type { WorkflowDocument, WorkflowEntry } from '../../../../shared/ipc.js';
import type { Project, Workflow } from '../../../../shared/model.js';
import { createActions } from '../../../../renderer/app/create-actions.js';
import { createStores } from '../../../../renderer/app/stores.js';
import { selectDirty } from '../../../../renderer/editor/graph-store.js';
import { trailTo } from '../../../../renderer/editor/subflow-store.js';
import { writeGroups } from '../../../../shared/workflow-groups.js';
import { FakeApi } from '../fixtures.js';
import { DOC, names, step, workflow } from './editor-fixtures.js';

const PROJECT: Project = { id: 'p1', name: 'web', path: '/p', template: null, status: 'active', createdAt: 0, description: '' };
const fileOf = (name: string): string => `/p/.codomyrmex/workflows/${name}.yaml`;
const runs = (name: string, child: string) => step(name, [], { file: `.codomyrmex/workflows/${child}.yaml` }, 'workflow', 'run');

/** A project of three levels: w runs mid, mid runs leaf; saves write into `files`. */
function setup(prompt: string | null = 'part', handlers: ConstructorParameters<typeof FakeApi>[0] = {}) {
  const files = new Map<string, Workflow>([
    ['w', workflow([step('a'), runs('sub', 'mid')])],
    ['mid', { ...workflow([step('m1'), runs('deeper', 'leaf')]), name: 'mid' }],
    ['leaf', { ...workflow([step('l1')]), name: 'leaf' }],
  ]);
  const entry = (name: string): WorkflowEntry => ({ name, description: '', steps: files.get(name)!.steps.length, file: fileOf(name), revision: 'r', problems: [] });
  const document = (name: string): WorkflowDocument => ({ workflow: files.get(name)!, file: fileOf(name), format: 'yaml', revision: 'r', problems: [] });
  const api = new FakeApi({
    'workflows.list': () => [...files.keys()].map(entry),
    'workflows.get': ({ name }: { name: string }) => document(name),
    'workflows.save': ({ name, workflow: saved }: { name: string; workflow: Workflow }) => (files.set(name, saved), document(name)),
    ...handlers,
  });
  const stores = createStores();
  const actions = createActions(api, stores, { confirm: async () => true, prompt: async () => prompt, showPath: async () => undefined });
  stores.projects.getState().setProjects([PROJECT]);
  stores.app.getState().selectProject('p1');
  stores.graph.getState().open(DOC, files.get('w')!);
  return { api, stores, actions, files };
}

const shownName = (stores: ReturnType<typeof createStores>): string | undefined => stores.graph.getState().shown?.name;
const trailNames = (stores: ReturnType<typeof createStores>): string[] =>
  trailTo(stores.subflows.getState().trail, stores.graph.getState().shown).map((level) => level.document.name);

describe('subflows in the editor', () => {
  it('opens a subflow two levels down and goes back along the breadcrumb, each parent as it was left', async () => {
    const { stores, actions } = setup();
    actions.rename('a', 'first');
    stores.graph.getState().select(['sub']);
    const viewport = { x: 10, y: 20, zoom: 0.5 };
    expect(await actions.openSubflow('sub', viewport)).toBe(true);
    expect(shownName(stores)).toBe('mid');
    expect(await actions.openSubflow('deeper')).toBe(true);
    expect(shownName(stores)).toBe('leaf');
    expect(trailNames(stores)).toEqual(['w', 'mid']);

    expect(await actions.leaveSubflow(0)).toBe(true);
    expect(shownName(stores)).toBe('w');
    expect(trailNames(stores)).toEqual([]);
    // Unsaved edits, their undo history, the selection and the view come back with it.
    expect(names(stores.graph.getState().workflow!)).toEqual(['first', 'sub']);
    expect(selectDirty(stores.graph.getState())).toBe(true);
    expect(stores.graph.getState().history.past).toHaveLength(1);
    expect(stores.graph.getState().selectedSteps).toEqual(['sub']);
    expect(stores.subflows.getState().takeViewport()).toEqual(viewport);
  });

  it('forgets the breadcrumb once another workflow is opened some other way', async () => {
    const { stores, actions } = setup();
    await actions.openSubflow('sub');
    expect(trailNames(stores)).toEqual(['w']);
    await actions.openWorkflow('leaf', 'p1');
    expect(trailNames(stores)).toEqual([]);
  });

  it('converts the selection into a saved child workflow and one step, undoable; unpack puts the steps back', async () => {
    const { stores, actions, files } = setup('part');
    stores.graph.getState().open(DOC, workflow([step('a'), step('b', ['a']), step('c', ['b'])]));
    stores.graph.getState().select(['b']);
    expect(await actions.convertSelection()).toBe('part');
    await actions.subflowsSaved();
    expect(names(files.get('part')!)).toEqual(['b']);
    expect(names(stores.graph.getState().workflow!)).toEqual(['a', 'part', 'c']);
    expect(stores.graph.getState().workflow!.steps[1]!.parameters).toEqual({ file: '.codomyrmex/workflows/part.yaml' });
    expect(stores.graph.getState().selectedSteps).toEqual(['part']);

    expect(await actions.unpack('part')).toEqual(['b']);
    expect(names(stores.graph.getState().workflow!)).toEqual(['a', 'b', 'c']);
    expect(stores.graph.getState().workflow!.steps[1]!.dependencies).toEqual(['a']);
    actions.undo();
    expect(names(stores.graph.getState().workflow!)).toEqual(['a', 'part', 'c']);
    actions.undo();
    expect(names(stores.graph.getState().workflow!)).toEqual(['a', 'b', 'c']);
  });

  it('takes the conversion back when the child workflow cannot be saved, and a save of the parent waits for it', async () => {
    let fail: (error: Error) => void = () => undefined;
    const { stores, actions } = setup('part', { 'workflows.save': () => new Promise((_resolve, reject) => (fail = reject)) });
    stores.graph.getState().open(DOC, workflow([step('a'), step('b', ['a'])]));
    stores.graph.getState().select(['b']);
    expect(await actions.convertSelection()).toBe('part');
    expect(names(stores.graph.getState().workflow!)).toEqual(['a', 'part']);
    let saved: boolean | undefined;
    void actions.save().then((result) => (saved = result));
    await Promise.resolve();
    expect(saved).toBeUndefined();
    fail(new Error('disk full'));
    await actions.subflowsSaved();
    expect(names(stores.graph.getState().workflow!)).toEqual(['a', 'b']);
    expect(stores.graph.getState().history.future).toEqual([]);
    expect(stores.notices.getState().notices.map((notice) => notice.message)).toContain('Convert to subflow undone: part could not be saved');
  });

  it('refuses a selection that cannot move before asking for a name, and saves nothing', async () => {
    const { api, stores, actions } = setup('part');
    stores.graph.getState().open(DOC, workflow([step('a'), step('b', ['a']), step('c', ['b'])]));
    stores.graph.getState().select(['a', 'c']);
    expect(await actions.convertSelection()).toBeNull();
    expect(stores.notices.getState().notices.at(-1)?.message).toContain('"b" depends on a selected step and a selected step depends on it');
    expect(api.calls.some((call) => call.command === 'workflows.save')).toBe(false);
  });

  it('stands the subflow step at its steps\' centre, moved off a group frame it would cover', async () => {
    const { stores, actions } = setup('part');
    const at = (name: string, x: number, y: number) => ({ ...step(name), ui: { x, y } });
    const frame = { id: 'g', name: 'g', colour: 'blue' as const, steps: ['g1'], collapsed: false, x: 240, y: 70, width: 420, height: 140 };
    stores.graph.getState().open(DOC, writeGroups(workflow([at('a', 0, 0), at('b', 300, 0), at('c', 600, 0), at('g1', 300, 110)]), [frame]));
    stores.graph.getState().select(['a', 'b', 'c']);
    expect(await actions.convertSelection()).toBe('part');
    const { x, y } = stores.graph.getState().workflow!.steps.find((s) => s.name === 'part')!.ui!;
    expect({ x, y }).toEqual({ x: 300, y: -40 });
  });

  it('says the child workflow stays after an undo or an unpack, and deletes it only when asked and agreed', async () => {
    const { api, stores, files } = setup('part', { 'workflows.delete': ({ name }: { name: string }) => ({ deleted: files.delete(name) }) });
    const answers = [false, true];
    const questions: string[] = [];
    const confirm = async (question: { title: string }) => (questions.push(question.title), answers.shift()!);
    const actions = createActions(api, stores, { confirm, prompt: async () => 'part', showPath: async () => undefined });
    const messages = () => stores.notices.getState().notices.map((notice) => notice.message);
    stores.graph.getState().open(DOC, workflow([step('a'), step('b', ['a']), step('c', ['b'])]));
    stores.graph.getState().select(['b']);
    await actions.convertSelection();
    await actions.subflowsSaved();
    actions.undo();
    expect(messages()).toContain('Conversion undone: workflow part stays in the project (Redo runs it again)');
    expect(files.has('part')).toBe(true);
    actions.redo();

    await actions.unpack('part');
    const notice = () => stores.notices.getState().notices.find((shown) => shown.message === 'Unpacked part: workflow part stays in the project');
    expect(notice()?.action?.label).toBe('Delete part…');
    // Declined: the file stays and nothing is asked of the engine; agreed: it is deleted.
    await notice()!.action!.run();
    expect(files.has('part')).toBe(true);
    expect(api.calls.some((call) => call.command === 'workflows.delete')).toBe(false);
    await notice()!.action!.run();
    expect(questions).toEqual(['Delete workflow part?', 'Delete workflow part?']);
    expect(files.has('part')).toBe(false);
    expect(messages()).toContain('Deleted workflow part');
  });

  it('says which workflow a subflow step names when the project has none by that file', async () => {
    const { stores, actions } = setup();
    stores.graph.getState().open(DOC, workflow([runs('lost', 'gone')]));
    expect(await actions.openSubflow('lost')).toBe(false);
    expect(stores.notices.getState().notices.at(-1)?.message).toBe('Subflow "lost": no workflow .codomyrmex/workflows/gone.yaml in project web');
  });
});
