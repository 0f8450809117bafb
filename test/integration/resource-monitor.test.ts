import { describe, expect, it } from 'vitest';
import { newEngine, run, sh, workflow } from '../helpers.js';

describe('the engine\'s resource monitor', () => {
  it.runIf(process.platform === 'linux')('measures the process tree of a running shell step, and forgets it when it ends', async () => {
    const engine = newEngine();
    const done = run(engine, workflow([sh('busy', `sh -c 'sleep 3 & wait'`)]));
    // The shell and the sleep under it (a shell may add one more of its own): the tree, not just the leader.
    await expect.poll(async () => (await engine.resourceMonitor.sample()).steps.filter((s) => s.step === 'busy' && s.processes >= 2).length, { timeout: 8000 }).toBe(1);
    await done;
    expect((await engine.resourceMonitor.sample()).steps).toEqual([]);
  });

  it('loads user-defined resources, so a workflow may ask for them', async () => {
    const engine = newEngine();
    await engine.userResources.define({ id: 'gpu', capacity: 1 });
    const next = newEngine(engine.paths.home);
    const result = await run(next, workflow([sh('train', 'true', { resources: { gpu: 1 } })]));
    expect(result.status).toBe('completed');
  });
});
