import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ActionFailure } from '../../../../electron/engine/actions/action.js';
import { actions } from '../../../../electron/engine/actions/control.js';
import { createContext, findAction, runAction } from './context.js';

const noop = findAction(actions, 'control.noop');
const delay = findAction(actions, 'control.delay');
const fail = findAction(actions, 'control.fail');

describe('control actions', () => {
  it('noop succeeds with no outputs and returns the same settled result every time', async () => {
    const context = createContext();
    const first = noop.run({}, context);
    expect(noop.run({}, context)).toBe(first);
    await expect(first).resolves.toEqual({ outputs: {} });
  });

  it('delay waits the given seconds and reports them', async () => {
    const result = await runAction(delay, { seconds: 0.05 }, createContext());
    expect(result.outputs).toEqual({ waited: 0.05 });
  });

  it('delay stops when the run is cancelled, rejecting with the reason', async () => {
    const context = createContext();
    const reason = new Error('cancelled by the user');
    const waiting = runAction(delay, { seconds: 60 }, context);
    setTimeout(() => context.controller.abort(reason), 10);
    await expect(waiting).rejects.toBe(reason);
  });

  it('delay refuses to start when the run is already cancelled', async () => {
    const context = createContext();
    context.controller.abort(new Error('too late'));
    await expect(runAction(delay, { seconds: 1 }, context)).rejects.toThrow('too late');
  });

  it('delay rejects negative seconds', () => {
    expect(delay.params.safeParse({ seconds: -1 }).success).toBe(false);
  });

  it('fail throws an ActionFailure with the given message and exit code', async () => {
    const error = await runAction(fail, { message: 'boom', exitCode: 3 }, createContext()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActionFailure);
    expect(error).toMatchObject({ message: 'boom', exitCode: 3 });
  });

  it('fail without parameters still fails, with exit code 1', async () => {
    await expect(runAction(fail, {}, createContext())).rejects.toMatchObject({ exitCode: 1 });
  });

  it('every params schema converts to JSON Schema for the editor', () => {
    for (const action of actions) {
      expect(z.toJSONSchema(action.params, { io: 'input', unrepresentable: 'any' })).toMatchObject({ type: 'object' });
    }
  });
});
