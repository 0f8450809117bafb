import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunDetail } from '../../shared/ipc.js';
import { isAlive } from '../../electron/engine/processes/process-liveness.js';
import { newEngine, tempDir } from '../helpers.js';
import { killMidRun } from '../kill-mid-run.js';
import { apiOn, writeWorkflow } from './run-api.js';
import { request, serve } from './serve-process.js';

/** `first` records its runs and an output; `second` hangs (writing its pid) until the file `go` exists. */
const CRASHY = `version: 1
name: crashy
steps:
  - { name: first, module: shell, action: run, parameters: { command: 'echo ran >> first.count; echo "built=yes" >> "$CODOMYRMEX_OUTPUT"' } }
  - { name: second, module: shell, action: run, dependencies: [first], parameters: { command: 'test -f go || { echo $$ > second.pid; sleep 30; }' } }
  - { name: third, module: control, action: noop, dependencies: [second] }
`;

describe('a serve process killed mid-run', () => {
  it('leaves the run interrupted with its finished steps intact, and re-running from failed runs exactly the unfinished ones', async () => {
    const home = tempDir('codomyrmex-home-');
    const dir = tempDir('codomyrmex-project-');
    writeWorkflow(dir, 'crashy', CRASHY);
    const { child, url } = await serve(dir, home);
    const projectId = ((await request(url, 'app.info', {})) as { projectId: string }).projectId;
    const { executionId } = (await request(url, 'runs.start', { projectId, workflowName: 'crashy' })) as { executionId: string };
    const orphan = await killMidRun(child, join(dir, 'second.pid'));
    // The process host saw the engine go and ended the step it had started.
    await expect.poll(() => isAlive(orphan), { timeout: 5000 }).toBe(false);

    // The next process on the same data folder reads the history.
    const { call, finished } = apiOn(newEngine(home), {}, dir);
    const interrupted = (await call('runs.get', { executionId }))!;
    expect(interrupted.status).toBe('interrupted');
    expect(interrupted.errors.at(-1)).toMatch(/^interrupted: process \d+ on .* stopped while the run was in progress$/);
    expect(interrupted.steps.first).toMatchObject({ status: 'succeeded', attempts: 1, exitCode: 0, outputs: { built: 'yes' } });
    expect(interrupted.steps.second).toMatchObject({ status: 'cancelled', error: 'interrupted: the process running it stopped' });
    expect(interrupted.steps.third!.status).toBe('cancelled');
    expect((await call('runs.list', { status: 'interrupted' })).map((r) => r.executionId)).toEqual([executionId]);

    writeFileSync(join(dir, 'go'), '');
    const resumed: RunDetail = await finished((await call('runs.rerun', { executionId, from: 'failed' })).executionId);
    expect(resumed).toMatchObject({ status: 'completed', rerunOf: executionId });
    expect(resumed.steps.first).toEqual({ ...interrupted.steps.first, reusedFrom: executionId });
    expect(resumed.steps.second).toMatchObject({ status: 'succeeded', attempts: 1 });
    expect(resumed.steps.third!.status).toBe('succeeded');
    expect(readFileSync(join(dir, 'first.count'), 'utf8')).toBe('ran\n');
  });
});
