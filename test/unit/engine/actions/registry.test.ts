import { describe, expect, it } from 'vitest';
import { defineAction } from '../../../../electron/engine/actions/action.js';
import { createBuiltinRegistry } from '../../../../electron/engine/actions/builtin.js';
import { z } from 'zod';

describe('the action registry', () => {
  it('lists every built-in action with its JSON Schema, description and outputs', () => {
    const list = createBuiltinRegistry().list();
    expect(list.map((a) => `${a.module}.${a.action}`).sort()).toEqual([
      'control.delay', 'control.fail', 'control.noop', 'environment_setup.check_environment', 'file.read', 'file.write',
      'http.request', 'shell.run', 'static_analysis.analyze_code', 'static_analysis.analyze_code_quality', 'workflow.run',
    ]);
    const shell = list.find((a) => a.module === 'shell')!;
    expect(shell.paramsSchema).toMatchObject({ type: 'object', properties: { command: { type: 'string' } }, required: ['command'] });
    for (const action of list) {
      expect(action.description.length, `${action.module}.${action.action}`).toBeGreaterThan(10);
      expect(action.paramsSchema).toHaveProperty('type', 'object');
    }
  });

  it('is open: a module registers its own actions, and a name is taken once', () => {
    const registry = createBuiltinRegistry();
    const greet = defineAction({
      module: 'greeting', action: 'say', description: 'Says hello to someone.', icon: 'smile', outputs: ['text'],
      params: z.object({ who: z.string() }),
      run: async ({ who }) => ({ outputs: { text: `hello ${who}` } }),
    });
    const before = registry.list();
    before[0]!.description = 'changed by a caller';
    registry.register(greet);
    // The list is made once per set of actions: a registration shows in the next, and no caller's copy leaks into it.
    expect(registry.list().map((a) => `${a.module}.${a.action}`)).toContain('greeting.say');
    expect(registry.list()[0]!.description).not.toBe('changed by a caller');
    expect(registry.get('greeting', 'say')!.checkParams({ who: 3 })[0]!.path).toEqual(['who']);
    expect(() => registry.register(greet)).toThrow('action greeting.say is registered twice');
  });
});
