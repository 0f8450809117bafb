// workflow.run: runs another workflow as a step (a subflow's child run); its steps' outputs become this step's outputs,
// read downstream as `${{ steps.<this step>.outputs.steps.<child step>.<key> }}`.
import { z } from 'zod';
import { ActionCancelled, ActionFailure, defineAction } from './action.js';

const run = defineAction({
  module: 'workflow',
  action: 'run',
  description: 'Runs another workflow (a file, or one the engine knows by name) and waits for it to finish.',
  icon: 'git-branch',
  params: () => z
    .object({
      file: z.string().min(1).optional().describe("A workflow file, relative to the project's folder."),
      name: z.string().min(1).optional().describe('The name of a workflow the engine knows.'),
      params: z.record(z.string(), z.unknown()).default({}).describe("The sub-workflow's params."),
    })
    .refine((value) => (value.file === undefined) !== (value.name === undefined), { message: 'give exactly one of "file" or "name"' }),
  outputs: ['executionId', 'status', 'steps'],
  async run(params, context) {
    const result = await context.runWorkflow({
      ...(params.file !== undefined ? { file: params.file } : {}),
      ...(params.name !== undefined ? { name: params.name } : {}),
      params: params.params,
    });
    context.log('stdout', `sub-workflow ${params.file ?? params.name} ${result.status} (execution ${result.executionId})\n`);
    const outputs = { executionId: result.executionId, status: result.status, steps: result.outputs };
    // A child run cancelled on its own (runs.cancel on it): the user stopped this step, it did not fail.
    if (result.status === 'cancelled' && !context.signal.aborted) throw new ActionCancelled(`sub-workflow ${params.file ?? params.name} was cancelled (run ${result.executionId})`, outputs);
    if (result.status !== 'completed') throw new ActionFailure(`sub-workflow ${params.file ?? params.name} ${result.status}`, null, outputs);
    return { outputs };
  },
});

export const actions = [run];
