import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAlive } from '../../electron/engine/processes/process-liveness.js';
import { newEngine, run, sh, tempDir, workflow } from '../helpers.js';

// Without the process host (not built, or turned off), the engine starts commands itself, with the same behaviour.
process.env.CODOMYRMEX_PROCESS_HOST = 'off';

describe('steps started in the engine process (no process host)', () => {
  it('run, capture output and outputs, and report exit codes', async () => {
    const ex = await run(newEngine(), workflow([
      sh('ok', 'echo "k=v" >> "$CODOMYRMEX_OUTPUT"; echo visible'),
      sh('direct', 'node --version'),
      sh('bad', 'exit 5'),
      sh('missing', 'no-such-program-xyz'),
    ]));
    expect(ex.steps.ok).toMatchObject({ status: 'succeeded', outputs: { k: 'v', stdout: 'visible\n' } });
    expect(ex.steps.direct!.outputs.stdout).toMatch(/^v\d+/);
    expect(ex.steps.bad).toMatchObject({ status: 'failed', exitCode: 5 });
    expect(ex.steps.missing).toMatchObject({ status: 'failed', exitCode: 127, error: 'command not found: no-such-program-xyz' });
  });

  it('kill the whole tree on timeout', async () => {
    const dir = tempDir();
    const ex = await run(newEngine(), workflow([sh('slow', 'sleep 30 & echo $! > child.pid; sleep 30', { timeout: 0.3 })]), { cwd: dir });
    expect(ex.steps.slow!.error).toBe('timed out after 0.3s');
    const child = Number(readFileSync(join(dir, 'child.pid'), 'utf8'));
    await expect.poll(() => isAlive(child), { timeout: 3000 }).toBe(false);
  });
});
