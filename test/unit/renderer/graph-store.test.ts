import { describe, expect, it } from 'vitest';
import type { WorkflowStep } from '../../../shared/model.js';
import { layoutSteps } from '../../../renderer/canvas/layout.js';
import { applyEventBatch } from '../../../renderer/stores/apply-event-batch.js';
import { createStores } from '../../../renderer/stores/stores.js';
import { stepRun, summary } from './fixtures.js';

const step = (name: string, dependencies: string[] = []): WorkflowStep => ({
  name, module: 'control', action: 'noop', parameters: {}, dependencies, resources: {}, runWhen: 'success', continueOnError: false, priority: 'normal',
});

const diamond = [step('prepare'), step('left', ['prepare']), step('right', ['prepare']), step('join', ['left', 'right'])];

describe('the graph store', () => {
  it('lays a workflow out left to right, with an edge from each dependency to its dependent', () => {
    const { nodes, edges } = layoutSteps(diamond);
    const x = (name: string): number => nodes.find((node) => node.id === name)!.position.x;
    expect(x('prepare')).toBeLessThan(x('left'));
    expect(x('left')).toBe(x('right'));
    expect(x('right')).toBeLessThan(x('join'));
    expect(edges.map((edge) => `${edge.source}->${edge.target}`).sort()).toEqual(['left->join', 'prepare->left', 'prepare->right', 'right->join']);
    expect(nodes.every((node) => node.type === 'step')).toBe(true);
  });

  it('draws no edge to a dependency the workflow does not have', () => {
    expect(layoutSteps([step('a', ['ghost'])]).edges).toEqual([]);
  });

  it('run status never rewrites the graph', () => {
    const stores = createStores();
    stores.graph.getState().setWorkflow({ projectId: 'p1', name: 'diamond', file: 'diamond.yaml', problems: [], workflow: { version: 1, name: 'diamond', description: '', env: {}, params: {}, resources: {}, steps: diamond } });
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
    expect(stores.runs.getState().runs.get('e1')!.steps.size).toBe(4);
  });

  it('an event batch touching several concerns changes each store once', () => {
    const stores = createStores();
    stores.resources.getState().setResources([{ id: 'cpu', type: 'cpu', capacity: 2, unit: 'cores', builtin: true, available: 2, allocations: [] }]);
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
