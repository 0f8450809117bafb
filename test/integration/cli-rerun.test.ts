import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAlive } from '../../electron/engine/processes/process-liveness.js';
import { cli, cliProcess } from '../cli.js';
import { tempDir } from '../helpers.js';
import { killMidRun } from '../kill-mid-run.js';

/** `build` counts its runs in build.count; `test` fails until the file `fixed` exists. */
const FLAKY = `version: 1
name: flaky
steps:
  - name: build
    module: shell
    action: run
    parameters: { command: 'echo run >> build.count; echo "artifact=dist-$(wc -l < build.count | tr -d " ")" >> "$CODOMYRMEX_OUTPUT"' }
  - name: test
    module: shell
    action: run
    dependencies: [build]
    parameters: { command: 'test -f fixed || { echo "not fixed yet"; exit 7; }; echo "tested \${{ steps.build.outputs.artifact }}"' }
`;

const runs = (dir: string): number => readFileSync(join(dir, 'build.count'), 'utf8').split('\n').filter(Boolean).length;

describe('codomyrmex rerun', () => {
  it('re-runs only the failed steps with --from-failed, keeping the others’ outputs, from an id prefix', () => {
    const home = tempDir();
    const dir = tempDir();
    writeFileSync(join(dir, 'flaky.yaml'), FLAKY);
    const first = cli(['run', join(dir, 'flaky.yaml'), '--json'], home);
    expect(first.code).toBe(1);
    const failed = JSON.parse(first.stdout);
    expect(failed.steps.test).toMatchObject({ status: 'failed', exitCode: 7 });

    writeFileSync(join(dir, 'fixed'), '');
    const again = cli(['rerun', failed.executionId.slice(0, 8), '--from-failed', '--json'], home);
    expect(again.code, again.stderr).toBe(0);
    const record = JSON.parse(again.stdout);
    expect(record).toMatchObject({ status: 'completed', origin: 'cli', rerunOf: failed.executionId });
    expect(record.executionId).not.toBe(failed.executionId);
    expect(record.steps.build.outputs.artifact).toBe('dist-1');
    expect(record.steps.test.outputs.stdout).toBe('tested dist-1\n');
    expect(runs(dir)).toBe(1);

    // From the start, every step runs again; the live table goes to stdout without --json.
    const whole = cli(['rerun', record.executionId], home);
    expect(whole.code).toBe(0);
    expect(whole.stdout).toMatch(/✓ flaky completed/);
    expect(runs(dir)).toBe(2);
  });

  it('refuses what it cannot re-run with exit 2, naming why', () => {
    const home = tempDir();
    const dir = tempDir();
    writeFileSync(join(dir, 'fixed'), '');
    writeFileSync(join(dir, 'flaky.yaml'), FLAKY);
    const ok = JSON.parse(cli(['run', join(dir, 'flaky.yaml'), '--json'], home).stdout);
    expect(cli(['rerun', ok.executionId, '--from-failed'], home)).toMatchObject({ code: 2, stderr: expect.stringContaining('has no failed step to re-run') });
    expect(cli(['rerun', 'f00d'], home)).toMatchObject({ code: 2, stderr: expect.stringContaining('no run with id "f00d"') });
    expect(cli(['rerun'], home)).toMatchObject({ code: 2, stderr: expect.stringContaining('takes one run id') });
  });

  it('resumes an interrupted run from a terminal', async () => {
    const home = tempDir();
    const dir = tempDir();
    const wf = FLAKY.replace('test -f fixed || { echo "not fixed yet"; exit 7; }', `echo $$ > ${dir}/test.pid; test -f fixed || sleep 30`);
    writeFileSync(join(dir, 'flaky.yaml'), wf);
    const child = cliProcess(['run', join(dir, 'flaky.yaml')], home);
    const orphan = await killMidRun(child, join(dir, 'test.pid'));
    await expect.poll(() => isAlive(orphan), { timeout: 3000 }).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const [interrupted] = JSON.parse(cli(['history', '--json'], home).stdout);
    expect(interrupted.status).toBe('interrupted');
    // It lasted until its last recorded event (the test step's start), not until the history was read a second later.
    expect(interrupted.endTime).toBe(interrupted.steps.test.startTime);
    expect(interrupted.steps.test).toMatchObject({ status: 'cancelled', endTime: interrupted.steps.test.startTime });

    appendFileSync(join(dir, 'fixed'), '');
    const resumed = cli(['rerun', interrupted.executionId, '--from-failed', '--json'], home);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout).steps.test.outputs.stdout).toContain('tested dist-1');
    expect(runs(dir)).toBe(1);
  });
});
