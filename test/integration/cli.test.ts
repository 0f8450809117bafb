import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAlive } from '../../electron/engine/processes/process-liveness.js';
import { cli, cliProcess } from '../cli.js';
import { newEngine, tempDir } from '../helpers.js';
import { writeWorkflow } from './run-api.js';

function file(dir: string, name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
}

const GOOD = `version: 1
name: good
params: { who: { default: world } }
steps:
  - name: hello
    module: shell
    action: run
    parameters: { command: 'echo "hello \${{ params.who }}"; echo "who=\${{ params.who }}" >> "$CODOMYRMEX_OUTPUT"' }
  - name: after
    module: control
    action: noop
    dependencies: [hello]
`;

describe('the codomyrmex CLI', () => {
  it('says its version with --version, -v or `version`, as package.json names it', () => {
    const { version } = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
    for (const args of [['--version'], ['-v'], ['version']]) {
      const result = cli(args, tempDir());
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(`codomyrmex ${version} (Node ${process.versions.node})\n`);
    }
  });

  it('runs a workflow and prints the record as JSON', () => {
    const dir = tempDir();
    const result = cli(['run', file(dir, 'good.yaml', GOOD), '--param', 'who=ada', '--json'], tempDir());
    expect(result.code).toBe(0);
    const record = JSON.parse(result.stdout);
    expect(record).toMatchObject({ workflowName: 'good', status: 'completed', steps: { hello: { status: 'succeeded', attempts: 1, exitCode: 0, outputs: { who: 'ada' } }, after: { status: 'succeeded' } } });
    expect(record.executionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(record.steps.hello.startTime).toBeTypeOf('number');
    expect(record.steps.hello.endTime).toBeGreaterThanOrEqual(record.steps.hello.startTime);
    expect(result.stderr).toContain('✓ hello');
  });

  it('prints plain progress lines when not on a terminal', () => {
    const result = cli(['run', file(tempDir(), 'good.yaml', GOOD)], tempDir());
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/✓ hello/);
    expect(result.stdout).toMatch(/✓ good completed in .* \(2 succeeded\)/);
  });

  it('exits 1 when the workflow fails', () => {
    const wf = 'version: 1\nname: bad\nsteps:\n  - { name: boom, module: shell, action: run, parameters: { command: "exit 4" } }\n';
    const result = cli(['run', file(tempDir(), 'bad.yaml', wf), '--json'], tempDir());
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).steps.boom).toMatchObject({ status: 'failed', exitCode: 4 });
  });

  it('exits 2 on invalid input, runs nothing, lists every problem without a stack trace', () => {
    const home = tempDir();
    const wf = `version: 1\nname: cyc\nsteps:\n  - { name: a, module: shell, action: run, parameters: { command: "true" }, dependencies: [b] }\n  - { name: b, module: shell, action: run, parameters: { command: "true" }, dependencies: [a] }\n  - { name: c, module: nope, action: run }\n`;
    const path = file(tempDir(), 'cyc.yaml', wf);
    const run = cli(['run', path], home);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('dependency cycle');
    expect(run.stderr).toContain('step "c", field module: unknown module "nope"');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(JSON.parse(cli(['history', '--json'], home).stdout)).toEqual([]);
    const validate = cli(['validate', path], home);
    expect(validate.code).toBe(2);
    expect(validate.stderr).toContain('2 problems');
    expect(cli(['run', join(tempDir(), 'missing.yaml')], home)).toMatchObject({ code: 2, stderr: expect.stringContaining('no such file') });
    expect(cli(['run', path, '--concurrency', 'zero'], home)).toMatchObject({ code: 2, stderr: expect.stringContaining('--concurrency takes a whole number') });
    expect(cli(['frobnicate'], home).code).toBe(2);
  });

  it('validates a good file with exit 0', () => {
    const result = cli(['validate', file(tempDir(), 'good.yaml', GOOD)], tempDir());
    expect(result).toMatchObject({ code: 0, stdout: expect.stringContaining('is valid (2 steps)') });
  });

  it('lists history newest first, as JSON records', () => {
    const home = tempDir();
    const dir = tempDir();
    cli(['run', file(dir, 'good.yaml', GOOD)], home);
    cli(['run', file(dir, 'good.yaml', GOOD), '--param', 'who=second'], home);
    const history = JSON.parse(cli(['history', '--json'], home).stdout);
    expect(history).toHaveLength(2);
    expect(history[0].steps.hello.outputs.who).toBe('second');
    expect(history[0].origin).toBe('cli');
    const table = cli(['history'], home).stdout;
    expect(table).toMatch(/WORKFLOW\s+PROJECT\s+FILE\s+STATUS/);
    expect(table).toContain('completed');
  });

  it('cancels on Ctrl-C: exit 130, running steps killed, record cancelled', async () => {
    const home = tempDir();
    const dir = tempDir();
    const wf = `version: 1\nname: long\nsteps:\n  - { name: wait, module: shell, action: run, parameters: { command: "sleep 30 & echo $! > ${dir}/child.pid; sleep 30" } }\n`;
    const child = cliProcess(['run', file(dir, 'long.yaml', wf)], home);
    await expect.poll(() => existsSync(join(dir, 'child.pid')), { timeout: 10_000 }).toBe(true);
    child.kill('SIGINT');
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(130);
    const grandchild = Number(readFileSync(join(dir, 'child.pid'), 'utf8'));
    await expect.poll(() => isAlive(grandchild), { timeout: 3000 }).toBe(false);
    const [record] = JSON.parse(cli(['history', '--json'], home).stdout);
    expect(record.status).toBe('cancelled');
    expect(record.steps.wait.status).toBe('cancelled');
  });

  it('shows a run whose process died as interrupted, with its finished steps intact', async () => {
    const home = tempDir();
    const dir = tempDir();
    const wf = `version: 1\nname: crashy\nsteps:\n  - { name: first, module: shell, action: run, parameters: { command: 'echo "built=yes" >> "$CODOMYRMEX_OUTPUT"' } }\n  - { name: second, module: shell, action: run, dependencies: [first], parameters: { command: "echo $$ > ${dir}/second.pid; sleep 30" } }\n`;
    const child = cliProcess(['run', file(dir, 'crashy.yaml', wf)], home);
    await expect.poll(() => existsSync(join(dir, 'second.pid')), { timeout: 10_000 }).toBe(true);
    // Let the write-behind commit the first step's record, as it does within one event-loop turn.
    await new Promise((resolve) => setTimeout(resolve, 300));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));
    const orphan = Number(readFileSync(join(dir, 'second.pid'), 'utf8'));
    try {
      // The process host saw the engine go and ended the step it had started.
      await expect.poll(() => isAlive(orphan), { timeout: 3000 }).toBe(false);
      const [record] = JSON.parse(cli(['history', '--json'], home).stdout);
      expect(record.status).toBe('interrupted');
      expect(record.steps.first).toMatchObject({ status: 'succeeded', exitCode: 0, outputs: { built: 'yes' } });
      expect(record.steps.second.status).toBe('cancelled');
      expect(record.errors[0]).toContain('interrupted');
    } finally {
      try {
        process.kill(-orphan, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });

  it("records a run of a registered project's file under that project, as the app's history shows it", async () => {
    const home = tempDir();
    const folder = tempDir('codomyrmex-cli-project-');
    const registering = newEngine(home);
    const project = registering.projectManager.addProject(folder);
    await registering.close();
    const result = cli(['run', writeWorkflow(folder, 'good', GOOD), '--json'], home);
    expect(result.code).toBe(0);
    const { executionId } = JSON.parse(result.stdout);
    const reading = newEngine(home);
    expect(reading.getExecution(executionId)).toMatchObject({ projectId: project.id, origin: 'cli', status: 'completed' });
  });
});
