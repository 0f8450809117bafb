import { afterEach, describe, expect, it, vi } from 'vitest';
import { createActions } from '../../../../renderer/app/create-actions.js';
import { createCanvasActions } from '../../../../renderer/canvas/canvas-actions.js';
import { UNDO_LIMIT } from '../../../../renderer/editor/undo-history.js';
import { selectDirty } from '../../../../renderer/editor/graph-store.js';
import { createStores } from '../../../../renderer/app/stores.js';
import { DOC, deps, names, step, workflow } from './editor-fixtures.js';
import { FakeApi } from '../fixtures.js';

function editor() {
  const stores = createStores();
  const actions = createActions(new FakeApi({}), stores, { confirm: async () => true, prompt: async () => null, showPath: async () => undefined });
  stores.graph.getState().open(DOC, workflow([step('a'), step('b', ['a'])]));
  return { stores, actions, canvas: createCanvasActions(stores), state: () => stores.graph.getState() };
}

afterEach(() => vi.useRealTimers());

describe('undo and redo', () => {
  it('undo reverts each kind of edit and redo reapplies it', () => {
    const { actions, state } = editor();
    actions.addAction({ module: 'shell', action: 'run' }, { x: 5, y: 5 });
    actions.connectSteps({ source: 'b', target: 'shell-run' });
    actions.rename('a', 'start');
    actions.deleteElements(['b'], []);
    expect(names(state().workflow!)).toEqual(['start', 'shell-run']);
    expect(actions.undo()).toBe('delete');
    expect(actions.undo()).toBe('rename a');
    expect(deps(state().workflow!, 'b')).toEqual(['a']);
    expect(actions.undo()).toBe('connect');
    expect(actions.undo()).toBe('add shell-run');
    expect(names(state().workflow!)).toEqual(['a', 'b']);
    expect(actions.undo()).toBeNull();
    actions.redo();
    actions.redo();
    expect(deps(state().workflow!, 'shell-run')).toEqual(['b']);
  });

  it('a drag is one undo entry, however many positions it went through', () => {
    const { actions, canvas, state } = editor();
    for (let x = 1; x <= 50; x++) canvas.applyNodeChanges([{ type: 'position', id: 'a', position: { x, y: 0 }, dragging: true }]);
    expect(state().history.past).toHaveLength(0);
    actions.commitMove(new Map([['a', { x: 50, y: 0 }]]));
    expect(state().history.past).toHaveLength(1);
    actions.undo();
    expect(state().nodes.find((node) => node.id === 'a')!.position).toEqual({ x: 0, y: 0 });
  });

  it('typing into one field coalesces into one entry; another field starts a new one', () => {
    const { actions, state } = editor();
    for (const text of ['e', 'ec', 'ech', 'echo']) actions.changeStep('a', 'parameters.command', (s) => ({ ...s, parameters: { command: text } }));
    actions.changeStep('a', 'timeout', (s) => ({ ...s, timeout: 5 }));
    expect(state().history.past).toHaveLength(2);
    actions.undo();
    actions.undo();
    expect(state().workflow!.steps[0]!.parameters).toEqual({});
  });

  it('a pause while typing starts a new entry', () => {
    vi.useFakeTimers();
    const { actions, state } = editor();
    actions.changeStep('a', 'parameters.command', (s) => ({ ...s, parameters: { command: 'x' } }));
    vi.advanceTimersByTime(5000);
    actions.changeStep('a', 'parameters.command', (s) => ({ ...s, parameters: { command: 'xy' } }));
    expect(state().history.past).toHaveLength(2);
  });

  it('layout, paste and reconnect are undoable too', () => {
    const { actions, canvas, state } = editor();
    canvas.layout('TB');
    actions.select(['a']);
    actions.duplicate();
    actions.reconnectEdge({ source: 'a', target: 'b' }, { source: 'a-2', target: 'b' });
    expect(state().history.past.map((entry) => entry.label)).toEqual(['layout TB', 'paste', 'reconnect']);
  });

  it('history is bounded', () => {
    const { actions, state } = editor();
    for (let i = 0; i < UNDO_LIMIT + 20; i++) actions.changeStep('a', `f${i}`, (s) => ({ ...s, timeout: i + 1 }));
    expect(state().history.past).toHaveLength(UNDO_LIMIT);
  });

  it('a refused edge is no edit and tells the user why', () => {
    const { actions, stores, state } = editor();
    expect(actions.connectSteps({ source: 'b', target: 'a' })).toBe(false);
    expect(state().history.past).toHaveLength(0);
    expect(stores.notices.getState().notices[0]!.message).toBe('Edge refused: "a" after "b" would make a cycle: a → b → a');
  });
});

describe('dirty tracking', () => {
  it('an edit makes the editor dirty and undoing back to the saved state makes it clean again', () => {
    const { actions, state } = editor();
    expect(selectDirty(state())).toBe(false);
    actions.rename('a', 'start');
    expect(selectDirty(state())).toBe(true);
    actions.undo();
    expect(selectDirty(state())).toBe(false);
  });

  it('selecting and measuring nodes is no edit', () => {
    const { actions, canvas, state } = editor();
    actions.select(['a', 'b']);
    canvas.applyNodeChanges([{ type: 'dimensions', id: 'a', dimensions: { width: 220, height: 76 } }]);
    expect(selectDirty(state())).toBe(false);
    expect(state().selectedSteps).toEqual(['a', 'b']);
  });

  it('history survives leaving the editor and coming back to the same workflow', async () => {
    const { actions, state } = editor();
    actions.rename('a', 'start');
    actions.showView('runs');
    await actions.openWorkflow('w', 'p1');
    expect(state().history.past).toHaveLength(1);
  });
});
