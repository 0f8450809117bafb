import { describe, expect, it } from 'vitest';
import type { Workflow, WorkflowStep } from '../../../../shared/model.js';
import { layoutPositions } from '../../../../renderer/canvas/layout.js';
import { applyEventBatch } from '../../../../renderer/app/apply-event-batch.js';
import { selectDirty } from '../../../../renderer/editor/graph-store.js';
import { createStores } from '../../../../renderer/app/stores.js';
import { stepRun, summary } from '../fixtures.js';

const step = (name: string, dependencies: string[] = []): WorkflowStep => ({
  name, module: 'control', action: 'noop', parameters: {}, dependencies, resources: {}, runWhen: 'success', continueOnError: false, priority: 'normal',
});

const diamond = [step('prepare'), step('left', ['prepare']), step('right', ['prepare']), step('join', ['left', 'right'])];
const workflow = (steps: WorkflowStep[]): Workflow => ({ version: 1, name: 'diamond', description: '', env: {}, params: {}, resources: {}, steps });
const DOC = { projectId: 'p1', name: 'diamond', file: 'diamond.yaml', format: 'yaml' as const, revision: 'r1' };

describe('the graph store', () => {
  it('lays a workflow out left to right, dependencies before dependents', () => {
    const positions = layoutPositions(diamond);
    const x = (name: string): number => positions.get(name)!.x;
    expect(x('prepare')).toBeLessThan(x('left'));
    expect(x('left')).toBe(x('right'));
    expect(x('right')).toBeLessThan(x('join'));
  });

  it('lays a workflow out top to bottom when asked', () => {
    const positions = layoutPositions(diamond, 'TB');
    expect(positions.get('prepare')!.y).toBeLessThan(positions.get('join')!.y);
  });

  it('opens a workflow with an edge from each dependency to its dependent, and not dirty', () => {
    const stores = createStores();
    stores.graph.getState().open(DOC, workflow(diamond));
    const { edges, nodes } = stores.graph.getState();
    expect(edges.map((edge) => edge.id).sort()).toEqual(['left->join', 'prepare->left', 'prepare->right', 'right->join']);
    expect(nodes.every((node) => node.type === 'step')).toBe(true);
    expect(selectDirty(stores.graph.getState())).toBe(false);
  });

  it('keeps the positions a file stores for every step instead of laying it out again', () => {
    const stores = createStores();
    const placed = diamond.map((s, i) => ({ ...s, ui: { x: i * 7, y: 3 } }));
    stores.graph.getState().open(DOC, workflow(placed));
    expect(stores.graph.getState().nodes.map((node) => node.position.x)).toEqual([0, 7, 14, 21]);
  });

  it('draws no edge to a dependency the workflow does not have', () => {
    const stores = createStores();
    stores.graph.getState().open(DOC, workflow([step('a', ['ghost'])]));
    expect(stores.graph.getState().edges).toEqual([]);
  });

  it('run status never rewrites the graph', () => {
    const stores = createStores();
    stores.graph.getState().open(DOC, workflow(diamond));
    const graphBefore = stores.graph.getState();
    let graphChanges = 0;
    stores.graph.subscribe(() => graphChanges++);
    applyEventBatch(stores, {
      events: [
        { type: 'execution.updated', execution: summary('e1') },
        ...diamond.map((s) => ({ type: 'step.updated' as const, executionId: 'e1', step: s.name, run: stepRun('succeeded') })),
      ],
    });
    expect(graphChanges).toBe(0);
    expect(stores.graph.getState()).toBe(graphBefore);
    expect(selectDirty(stores.graph.getState())).toBe(false);
    expect(stores.runs.getState().runs.get('e1')!.steps.size).toBe(4);
  });

  it('an event batch touching several concerns changes each store once', () => {
    const stores = createStores();
    stores.resources.getState().setResources([{ id: 'cpu', type: 'cpu', capacity: 2, unit: 'cores', builtin: true, available: 2, allocations: [], userDefined: false, waiting: [] }]);
    const changes = { runs: 0, resources: 0, sessions: 0 };
    stores.runs.subscribe(() => changes.runs++);
    stores.resources.subscribe(() => changes.resources++);
    stores.sessions.subscribe(() => changes.sessions++);
    const allocation = { resourceId: 'cpu', taskId: 'e1/build', amount: 1, allocatedAt: 5, releasedAt: null };
    applyEventBatch(stores, {
      events: [
        { type: 'step.updated', executionId: 'e1', step: 'a', run: stepRun('running') },
        { type: 'resource.allocated', allocation },
        { type: 'step.updated', executionId: 'e1', step: 'b', run: stepRun('running') },
        { type: 'session.updated', session: { sessionId: 's1', name: 'x', projectId: null, createdAt: 1, status: 'active', variables: {}, env: {} } },
      ],
    });
    expect(changes).toEqual({ runs: 1, resources: 1, sessions: 1 });
  });
});

describe('the layout of a large workflow', () => {
  it('places 1,000 layered steps with every dependency in an earlier rank, without dagre', () => {
    const steps = Array.from({ length: 1000 }, (_, i) => step(`s${i}`, i < 32 ? [] : [`s${i - 32}`, `s${i - 31}`]));
    const positions = layoutPositions(steps);
    for (const s of steps) for (const dep of s.dependencies) expect(positions.get(dep)!.x).toBeLessThan(positions.get(s.name)!.x);
  });
});
