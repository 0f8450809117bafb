import { describe, expect, it } from 'vitest';
import { newEngine, run, sh, workflow } from '../helpers.js';

describe('the engine\'s resource monitor', () => {
  it.runIf(process.platform === 'linux')('measures the process tree of a running shell step, and forgets it when it ends', async () => {
    const engine = newEngine();
    const done = run(engine, workflow([sh('busy', `sh -c 'sleep 2 & wait'`)]));
    await expect.poll(async () => (await engine.resourceMonitor.sample()).steps.map((s) => [s.step, s.processes]), { timeout: 5000 }).toEqual([['busy', 2]]);
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
