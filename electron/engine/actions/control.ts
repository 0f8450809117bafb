// control.*: steps that shape a run without touching the machine — do nothing, wait, fail on purpose.
import { z } from 'zod';
import { ActionFailure, defineAction, type ActionResult } from './action.js';

// One shared, frozen result: noop is the engine's overhead benchmark, so it allocates nothing per call.
const NOOP_RESULT: Promise<ActionResult> = Promise.resolve(Object.freeze({ outputs: Object.freeze({}) }));

const noop = defineAction({
  module: 'control',
  action: 'noop',
  description: 'Does nothing and succeeds at once; useful to join branches or as a placeholder.',
  icon: 'circle',
  params: () => z.object({}),
  outputs: [],
  run: () => NOOP_RESULT,
});

const delay = defineAction({
  module: 'control',
  action: 'delay',
  description: 'Waits for a number of seconds, then succeeds.',
  icon: 'clock',
  params: () => z.object({
    // Node's timers overflow past 2^31-1 ms (about 24.8 days) and would fire at once.
    seconds: z.number().min(0, 'must be 0 or more').max(2_147_483, 'must be at most 2147483 (about 24 days)').describe('How long to wait, in seconds (fractions allowed).'),
  }),
  outputs: ['waited'],
  async run(params, context) {
    await sleep(params.seconds * 1000, context.signal);
    return { outputs: { waited: params.seconds } };
  },
});

const fail = defineAction({
  module: 'control',
  action: 'fail',
  description: 'Always fails, with a message and exit code you choose; useful to test failure paths.',
  icon: 'x-circle',
  params: () => z.object({
    message: z.string().default('failed on purpose (control.fail)').describe('The error the step fails with.'),
    exitCode: z.number().int().default(1).describe('The exit code recorded for the step.'),
  }),
  outputs: [],
  run(params) {
    return Promise.reject(new ActionFailure(params.message, params.exitCode));
  },
});

/** Resolves after `ms`, or rejects with the signal's reason (Cancelled, StepTimeout) as soon as it aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export const actions = [noop, delay, fail];
