import { describe, expect, it } from 'vitest';
import { declaredResources } from '../../../../renderer/editor/declared-resources.js';

describe('the resources the inspector offers a step', () => {
  const context = { env: [], resources: { db: { capacity: 1, unit: 'slot' }, memory: { capacity: 16000, unit: 'MB' }, cpu: { capacity: 4, unit: 'cores' } } };

  it("lists the machine's first, then the user's own by id, each with capacity and unit", () => {
    expect(declaredResources(context, null)).toEqual([
      { id: 'cpu', capacity: 4, unit: 'cores', scope: 'engine' },
      { id: 'memory', capacity: 16000, unit: 'MB', scope: 'engine' },
      { id: 'db', capacity: 1, unit: 'slot', scope: 'engine' },
    ]);
  });

  it("adds the workflow's own declarations, which win over the engine's for the same id", () => {
    const listed = declaredResources(context, { resources: { licence: { capacity: 2, unit: 'seats' }, db: { capacity: 3 } } });
    expect(listed.map((option) => `${option.id}:${option.capacity}:${option.unit}:${option.scope}`)).toEqual([
      'cpu:4:cores:engine', 'memory:16000:MB:engine', 'db:3:slot:workflow', 'licence:2:seats:workflow',
    ]);
  });

  it('is empty before the editor context has loaded and the workflow declares none', () => {
    expect(declaredResources(null, null)).toEqual([]);
  });
});
