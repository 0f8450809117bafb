import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { defineAction } from '../../../../electron/engine/actions/action.js';
import { createBuiltinRegistry } from '../../../../electron/engine/actions/builtin.js';

describe('an action whose parameter schema is given as a function', () => {
  it('builds it on first use, once, and checks parameters with it as with a schema given outright', () => {
    let built = 0;
    const action = defineAction({
      module: 'test', action: 'lazy', description: 'A test action.', icon: 'box', outputs: [],
      params: () => {
        built++;
        return z.object({ count: z.number().int().default(1) });
      },
      run: async (params) => ({ outputs: { count: params.count } }),
    });
    expect(built).toBe(0);
    const registry = createBuiltinRegistry().register(action);
    expect(built).toBe(0);
    expect(registry.get('test', 'lazy')!.checkParams({ count: 'many' })).toHaveLength(1);
    expect(registry.get('test', 'lazy')!.checkParams({})).toEqual([]);
    expect(action.params.parse({})).toEqual({ count: 1 });
    expect(built).toBe(1);
    expect(registry.list().find((info) => info.action === 'lazy')?.paramsSchema).toMatchObject({ type: 'object' });
  });
});
