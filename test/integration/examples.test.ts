// Each of the guide's code samples, translated in examples/, runs against the built package imported by name and
// prints what the guide's sample shows.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';

const ROOT = join(import.meta.dirname, '..', '..');
const ISO_TIME = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z';

/** Types stripped, the example itself runs, inside the package folder so its import resolves by package name. */
function runExample(name: string): { stdout: string; stderr: string; status: number | null } {
  const { code } = transformSync(readFileSync(join(ROOT, 'examples', `${name}.ts`), 'utf8'), { loader: 'ts', format: 'esm' });
  const script = join(ROOT, 'test', `.${name}-${process.pid}.tmp.mjs`);
  writeFileSync(script, code);
  try {
    const result = spawnSync(process.execPath, [script], { cwd: ROOT, env: { ...process.env, CODOMYRMEX_HOME: tempDir() }, encoding: 'utf8', timeout: 60_000 });
    return { stdout: result.stdout, stderr: result.stderr, status: result.status };
  } finally {
    rmSync(script, { force: true });
  }
}

describe("the guide's samples, in examples/", () => {
  it('quick start: a session runs check_environment (what package.json needs) then analyze_code', () => {
    const { stdout, stderr, status } = runExample('quick-start');
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const [result, checked, files] = stdout.trim().split('\n');
    expect(result).toBe('Workflow result: completed');
    // This repository's package.json asks for node in its engines.
    expect(checked).toBe('checked: node');
    expect(Number(files!.replace('files analysed: ', ''))).toBeGreaterThan(10);
  });

  it('workflow with retry: a failing first run, then a second after 1 s', () => {
    const { stdout, stderr, status } = runExample('workflow-with-retry');
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const [result, retry] = stdout.trim().split('\n');
    expect(result).toMatch(/^Workflow completed after 2 runs \((\d+\.\d|\d+)s\)$/);
    expect(Number(/\(([\d.]+)s\)/.exec(result!)![1])).toBeGreaterThanOrEqual(1);
    expect(retry).toBe('retry of: an earlier failed run');
  });

  it('resource troubleshooting: the allocation beyond capacity fails; checking first allocates what is there', () => {
    const { stdout, stderr, status } = runExample('resource-troubleshooting');
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/^Problem: .*cpu_1.*150.* \(resource-error\)$/),
      'Insufficient capacity. Available: 100',
      'Allocated 100 of cpu_1 to task_1; left: 0',
    ]);
  });

  it('error hierarchy: each refusal is an OrchestrationError with its code and time; a failed step is a failed run', () => {
    const { stdout, stderr, status } = runExample('error-hierarchy');
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^createWorkflow: ValidationError code=validation-error is=OrchestrationError>ValidationError at=${ISO_TIME}$`));
    expect(lines[1]).toMatch(new RegExp(`^executeWorkflow: NotFoundError code=not-found is=OrchestrationError>NotFoundError at=${ISO_TIME}$`));
    expect(lines[2]).toMatch(new RegExp(`^allocateResource: ResourceError code=resource-error is=OrchestrationError>ResourceError at=${ISO_TIME}$`));
    expect(lines[3]).toBe('failing step: status=failed errors=["boom: on purpose"]');
  });

  it('the memory profiling sample: a 1,000-step workflow created and run', () => {
    const { stdout, stderr, status } = runExample('large-workflow');
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^completed: 1000 of 1000 steps succeeded in \d+ ms$/);
    // A chain of the workflow: each step on it depends on the one before it (100 steps earlier).
    const path = /^critical path: (.*) \(\d+ ms\)$/.exec(lines[1]!)![1]!.split(' → ').map((name) => Number(name.replace('step_', '')));
    expect(path.length).toBeGreaterThanOrEqual(1);
    for (let i = 1; i < path.length; i++) expect(path[i]! - path[i - 1]!).toBe(100);
    expect(lines[2]).toMatch(/^heap: \+\d+\.\d MB to create, \d+\.\d MB after the run$/);
  });
});
