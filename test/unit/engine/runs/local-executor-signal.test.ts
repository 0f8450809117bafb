// The local executor makes an action's signal and environment on first use: a cancel must reach the action whether it
// took its signal before the cancel, after it, or never, and the environment must be the task's.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineAction, type ActionContext } from '../../../../electron/engine/actions/action.js';
import { ActionRegistry } from '../../../../electron/engine/actions/registry.js';
import { LocalExecutor, type StepTask } from '../../../../electron/engine/runs/executor.js';

const log = { write: () => {}, outputFd: -1, prepare: () => '', tail: () => '' };
const task = (action: string): StepTask => ({
  executionId: 'run-1', step: 's', module: 'test', action, parameters: {}, attempt: 1, cwd: '/', project: 'p', env: { ONLY: 'this' }, resources: {},
});

/** An action that waits for its signal, read `readAt` (at once, or on the next tick once the cancel has come). */
function waiter(action: string, readAt: 'start' | 'later') {
  return defineAction({
    module: 'test', action, description: 'waits', icon: 'x', params: z.object({}), outputs: [],
    async run(_params, context: ActionContext) {
      const wait = (signal: AbortSignal) => new Promise<never>((_, reject) => {
        if (signal.aborted) reject(signal.reason);
        signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
      if (readAt === 'start') return wait(context.signal);
      await new Promise((resolve) => setTimeout(resolve, 5));
      return wait(context.signal);
    },
  });
}

describe('the local executor', () => {
  const registry = new ActionRegistry().register(
    waiter('early', 'start'),
    waiter('late', 'later'),
    defineAction({ module: 'test', action: 'env', description: 'env', icon: 'x', params: z.object({}), outputs: ['only'], run: async (_params, context) => ({ outputs: { only: context.env.ONLY, keys: Object.keys(context.env).length } }) }),
  );
  const executor = new LocalExecutor(registry, null, undefined, () => ({}));

  it('cancels an action that took its signal before the cancel, with the reason given', async () => {
    const running = executor.execute(task('early'), log);
    running.cancel(new Error('stop early'));
    await expect(running.done).rejects.toThrow('stop early');
  });

  it('gives an action that asks for its signal after a cancel an aborted one, with the first reason', async () => {
    const running = executor.execute(task('late'), log);
    running.cancel(new Error('first'));
    running.cancel(new Error('second'));
    await expect(running.done).rejects.toThrow('first');
  });

  it("gives an action the task's environment", async () => {
    const result = await executor.execute(task('env'), log).done;
    expect(result.outputs).toEqual({ only: 'this', keys: 1 });
  });
});
