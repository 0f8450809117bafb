import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../cli.js';
import { newEngine, run, sh, tempDir, workflow } from '../helpers.js';

const README = join(import.meta.dirname, '..', '..', 'README.md');
const NPM_QUIET = { npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };

/** The workflow under "## A workflow file" in the README, as printed there. */
function readmeWorkflow(): string {
  const text = readFileSync(README, 'utf8');
  const section = text.slice(text.indexOf('## A workflow file'));
  const match = /```yaml\n([\s\S]*?)```/.exec(section);
  if (match === null) throw new Error('README has no yaml block under "## A workflow file"');
  return match[1]!;
}

describe('steps after a failed step', () => {
  it("runs the README's example: the report prints the failing test's exit code", () => {
    const project = tempDir();
    cpSync(join(import.meta.dirname, '..', 'fixtures', 'readme-project'), project, { recursive: true });
    writeFileSync(join(project, 'ci.yaml'), readmeWorkflow());
    const home = tempDir();
    const result = cli(['run', join(project, 'ci.yaml'), '--json'], home, project, NPM_QUIET);
    expect(result.code, result.stderr).toBe(1);
    const record = JSON.parse(result.stdout);
    expect(record.steps.install).toMatchObject({ status: 'succeeded' });
    expect(record.steps.test).toMatchObject({ status: 'failed', attempts: 3, exitCode: 3 });
    expect(record.steps.report).toMatchObject({ status: 'succeeded', outputs: { exitCode: 0, stdout: '3\n' } });
    expect(record.steps.test.outputs.stdout).toContain('1 failing (--reporter=dist)');
  });

  it('gives a failed step’s own outputs to a runWhen: always step, and empty for a skipped one', async () => {
    const engine = newEngine();
    const wf = workflow([
      sh('test', 'echo "summary=2 failing" >> "$CODOMYRMEX_OUTPUT"; exit 5'),
      sh('lint', 'true', { dependencies: ['test'] }),
      sh('report', 'echo "[${{ steps.test.outputs.exitCode }}|${{ steps.test.outputs.summary }}|${{ steps.lint.outputs.exitCode }}]"', { dependencies: ['test', 'lint'], runWhen: 'always' }),
      sh('notify', 'echo "${{ steps.test.outputs.summary }}"', { dependencies: ['test'], runWhen: 'failure' }),
    ]);
    const record = await run(engine, wf);
    expect(record.steps.lint!.status).toBe('skipped');
    expect(record.steps.report).toMatchObject({ status: 'succeeded', outputs: { stdout: '[5|2 failing|]\n' } });
    expect(record.steps.notify).toMatchObject({ status: 'succeeded', outputs: { stdout: '2 failing\n' } });
  });

  it('says in validate which references can read empty, and where the steps run', () => {
    const project = tempDir();
    writeFileSync(join(project, 'ci.yaml'), readmeWorkflow());
    const result = cli(['validate', join(project, 'ci.yaml')], tempDir());
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`steps run in ${project} (the workflow file's folder); a step's cwd overrides it`);
    expect(result.stdout).toContain('note: step "report", field parameters.command: ${{ steps.test.outputs.exitCode }} is empty when "test" is skipped (this step has runWhen: always)');
  });
});
