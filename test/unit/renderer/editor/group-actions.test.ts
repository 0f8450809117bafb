// The editor's group commands over real stores: each one undo entry, a group dragged carries its steps, steps dragged
// in and out join and leave, a collapsed group leaves its steps off the canvas with their edges drawn to it.
import { describe, expect, it } from 'vitest';
import { readGroups } from '../../../../shared/workflow-groups.js';
import type { Workflow } from '../../../../shared/model.js';
import { createActions } from '../../../../renderer/app/create-actions.js';
import { createCanvasActions } from '../../../../renderer/canvas/canvas-actions.js';
import { createStores } from '../../../../renderer/app/stores.js';
import { DOC, step, workflow } from './editor-fixtures.js';
import { FakeApi } from '../fixtures.js';

const at = (name: string, x: number, y: number, dependencies: string[] = []) => ({ ...step(name, dependencies), ui: { x, y } });

function editor(answer: string | null = 'Build') {
  const stores = createStores();
  const actions = createActions(new FakeApi({}), stores, { confirm: async () => true, prompt: async () => answer, showPath: async () => undefined });
  stores.graph.getState().open(DOC, workflow([at('a', 0, 0), at('b', 300, 0, ['a']), at('c', 600, 0, ['b']), at('d', 900, 0, ['c'])]));
  return { stores, actions, canvas: createCanvasActions(stores), state: () => stores.graph.getState() };
}

const groupsOf = (w: Workflow | null) => readGroups(w!).groups;
const where = (w: Workflow | null, name: string) => w!.steps.find((s) => s.name === name)!.ui;
const nodeIds = (nodes: readonly { id: string }[]) => nodes.map((node) => node.id);

describe('group commands', () => {
  it('groups the selection under the name given in the dialog, around its steps, and selects the new group', async () => {
    const { actions, state } = editor();
    actions.select(['b', 'c']);
    expect(await actions.groupSelection()).toBe('g1');
    expect(groupsOf(state().workflow)).toEqual([{ id: 'g1', name: 'Build', colour: 'blue', steps: ['b', 'c'], collapsed: false, x: 276, y: -44, width: 568, height: 144 }]);
    expect(state().nodes.find((node) => node.id === 'group:g1')?.selected).toBe(true);
    // React Flow needs the parent before its children; the children sit relative to its corner.
    expect(nodeIds(state().nodes)).toEqual(['group:g1', 'a', 'b', 'c', 'd']);
    expect(state().nodes.find((node) => node.id === 'b')).toMatchObject({ parentId: 'group:g1', position: { x: 24, y: 44 } });
    expect(actions.undo()).toBe('group Build');
    expect(state().workflow!.ui).toBeUndefined();
  });

  it('refuses to group nothing, and a cancelled name dialog changes nothing', async () => {
    const cancelled = editor(null);
    cancelled.actions.select(['a']);
    expect(await cancelled.actions.groupSelection()).toBeNull();
    expect(cancelled.state().history.past).toHaveLength(0);
    const { actions, stores } = editor();
    expect(await actions.groupSelection()).toBeNull();
    expect(stores.notices.getState().notices.map((notice) => notice.message)).toEqual(['Select the steps to group first (Shift+drag draws a selection box)']);
  });

  it('a dragged group carries its steps by the same distance, as one undo entry', async () => {
    const { actions, canvas, state } = editor();
    actions.select(['b', 'c']);
    await actions.groupSelection();
    // React Flow moves the group's node while it is dragged; its children stay put relative to it.
    canvas.applyNodeChanges([{ type: 'position', id: 'group:g1', position: { x: 376, y: 6 }, dragging: true }]);
    actions.commitDrag([{ id: 'group:g1', position: { x: 376, y: 6 } }]);
    expect(where(state().workflow, 'b')).toEqual({ x: 400, y: 50 });
    expect(where(state().workflow, 'c')).toEqual({ x: 700, y: 50 });
    expect(where(state().workflow, 'a')).toEqual({ x: 0, y: 0 });
    expect(groupsOf(state().workflow)[0]).toMatchObject({ x: 376, y: 6 });
    expect(state().nodes.find((node) => node.id === 'b')).toMatchObject({ position: { x: 24, y: 44 } });
    expect(actions.undo()).toBe('move');
    expect(where(state().workflow, 'b')).toEqual({ x: 300, y: 0 });
    expect(groupsOf(state().workflow)[0]).toMatchObject({ x: 276, y: -44 });
  });

  it('a step dragged out of its group leaves it; one dragged into an expanded group joins it; the box refits', async () => {
    const { actions, state } = editor();
    actions.select(['b', 'c']);
    await actions.groupSelection();
    // c's position relative to the group: well below its box.
    actions.commitDrag([{ id: 'c', parentId: 'group:g1', position: { x: 324, y: 400 } }]);
    expect(groupsOf(state().workflow)[0]).toMatchObject({ steps: ['b'], x: 276, y: -44, width: 268, height: 144 });
    expect(where(state().workflow, 'c')).toEqual({ x: 600, y: 356 });
    actions.commitDrag([{ id: 'd', position: { x: 290, y: 10 } }]);
    expect(groupsOf(state().workflow)[0]!.steps).toEqual(['b', 'd']);
  });

  it('collapsed, a group is one node: its steps leave the canvas and their edges go to it, once each', async () => {
    const { actions, state } = editor();
    actions.select(['b', 'c']);
    await actions.groupSelection();
    actions.setGroupCollapsed('g1', true);
    expect(nodeIds(state().nodes)).toEqual(['group:g1', 'a', 'd']);
    expect(state().edges.map((edge) => edge.id)).toEqual(['a->group:g1', 'group:g1->d']);
    actions.setGroupCollapsed('g1', false);
    expect(nodeIds(state().nodes)).toEqual(['group:g1', 'a', 'b', 'c', 'd']);
    expect(state().edges.map((edge) => edge.id)).toEqual(['a->b', 'b->c', 'c->d']);
  });

  it('rename, recolour, collapse and ungroup are each one undo entry; a renamed or deleted step follows in its group', async () => {
    const { actions, state } = editor();
    actions.select(['b', 'c']);
    await actions.groupSelection();
    actions.renameGroup('g1', 'Make');
    actions.recolourGroup('g1', 'red');
    actions.setGroupCollapsed('g1', true);
    expect(groupsOf(state().workflow)[0]).toMatchObject({ name: 'Make', colour: 'red', collapsed: true });
    actions.setGroupCollapsed('g1', false);
    actions.rename('b', 'compile');
    expect(groupsOf(state().workflow)[0]!.steps).toEqual(['compile', 'c']);
    actions.deleteElements(['c'], []);
    expect(groupsOf(state().workflow)[0]!.steps).toEqual(['compile']);
    actions.select(['compile']);
    expect(actions.ungroupSelection()).toBe(true);
    expect(state().workflow!.ui).toBeUndefined();
    expect([1, 2, 3, 4, 5, 6, 7].map(() => actions.undo())).toEqual(['ungroup', 'delete', 'rename b', 'expand group', 'collapse group', 'recolour group', 'rename group']);
    expect(groupsOf(state().workflow)[0]).toMatchObject({ name: 'Build', colour: 'blue', steps: ['b', 'c'] });
  });
});

describe('a step inside a collapsed group', () => {
  it('is shown when asked for (a problem clicked): its group expands, as one undo entry', async () => {
    const { actions, state } = editor();
    actions.select(['b', 'c']);
    await actions.groupSelection();
    actions.setGroupCollapsed('g1', true);
    actions.focusStep('c');
    expect(groupsOf(state().workflow)[0]!.collapsed).toBe(false);
    expect(state().selectedStep).toBe('c');
    expect(actions.undo()).toBe('expand group');
    actions.focusStep('a');
    expect(state().history.future).toHaveLength(1);
  });
});

describe('an auto-layout', () => {
  it('fits every group around its steps where the layout put them', async () => {
    const { actions, canvas, state } = editor();
    actions.select(['b', 'c']);
    await actions.groupSelection();
    canvas.layout('TB');
    const b = where(state().workflow, 'b') as { x: number; y: number };
    const c = where(state().workflow, 'c') as { x: number; y: number };
    const group = groupsOf(state().workflow)[0]!;
    expect(group.x).toBe(Math.min(b.x, c.x) - 24);
    expect(group.y).toBe(Math.min(b.y, c.y) - 44);
    expect(group.y + group.height).toBe(Math.max(b.y, c.y) + 76 + 24);
  });
});
