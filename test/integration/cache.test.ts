// The step cache through the real CLI on real files: a four-step build chain (test/fixtures/cache-project) whose
// steps append their name to ran.log when they really run.
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, cliProcess } from '../cli.js';
import { loadWorkflowFile, renderWorkflow, saveWorkflowFile } from '../../electron/engine/workflows/workflow-file.js';
import { newEngine, tempDir } from '../helpers.js';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'cache-project');
const STEPS = ['words', 'compile', 'package', 'report'];

function project(): { home: string; dir: string; file: string } {
  const dir = tempDir('codomyrmex-cache-project-');
  cpSync(FIXTURE, dir, { recursive: true });
  return { home: tempDir('codomyrmex-cache-home-'), dir, file: join(dir, 'build.yaml') };
}

interface Record {
  status: string;
  steps: { [name: string]: { status: string; cacheKey?: string; cacheMiss?: { summary: string; changes: { kind: string; name: string; detail: string }[] }; outputs: { [key: string]: unknown } } };
}

/** Runs the workflow with --json; returns the record and the steps that really ran (ran.log, emptied). */
function runBuild(p: { home: string; dir: string; file: string }, args: string[] = [], env: { [name: string]: string } = {}): { record: Record; ran: string[]; stderr: string } {
  rmSync(join(p.dir, 'ran.log'), { force: true });
  const result = cli(['run', p.file, '--json', ...args], p.home, p.dir, env);
  expect(result.code, result.stderr).toBe(0);
  const ran = existsSync(join(p.dir, 'ran.log')) ? readFileSync(join(p.dir, 'ran.log'), 'utf8').split('\n').filter(Boolean) : [];
  return { record: JSON.parse(result.stdout) as Record, ran, stderr: result.stderr };
}

const statuses = (record: Record): string[] => STEPS.map((name) => record.steps[name]!.status);

describe('the step cache', () => {
  it('a second run restores every step: status cached with its key, output files back after deleting them, outputs replayed', () => {
    const p = project();
    const first = runBuild(p);
    expect(first.ran.sort()).toEqual([...STEPS].sort());
    expect(statuses(first.record)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
    expect(first.record.steps.words!.cacheMiss).toEqual({ summary: 'first run', changes: [] });
    const packaged = readFileSync(join(p.dir, 'dist', 'package.txt'), 'utf8');

    rmSync(join(p.dir, 'dist'), { recursive: true });
    rmSync(join(p.dir, 'build'), { recursive: true });
    rmSync(join(p.dir, 'gen'), { recursive: true });
    const second = runBuild(p);
    expect(second.ran).toEqual([]);
    expect(statuses(second.record)).toEqual(['cached', 'cached', 'cached', 'cached']);
    for (const name of STEPS) expect(second.record.steps[name]!.cacheKey).toBe(first.record.steps[name]!.cacheKey);
    expect(second.record.steps.words!.cacheKey).toMatch(/^[0-9a-f]{32}$/);
    expect(readFileSync(join(p.dir, 'dist', 'package.txt'), 'utf8')).toBe(packaged);
    expect(readFileSync(join(p.dir, 'build', 'words.up'), 'utf8')).toBe('APPLE\nFIG\nPEAR\n');
    // Outputs (and what a dependent templated from them) as the first run had them.
    expect(second.record.steps.package!.outputs.size).toBe(first.record.steps.package!.outputs.size);
    expect(second.record.steps.report!.outputs.stdout).toBe(`package is ${String(first.record.steps.package!.outputs.size)} bytes\n`);
    expect(second.record.steps.compile!.outputs.stdout).toBe('compiled 3 words\n');
    // The history list (runs listed without their steps, as the app's Runs view asks) says how much came from the cache.
    const listed = newEngine(p.home).store.listExecutions({ withSteps: false });
    expect(listed.map((run) => run.cacheShare)).toEqual([{ cached: 4, others: 0 }, { cached: 0, others: 4 }]);
  });

  it('a partial run or a re-run keeping upstream steps gives the steps it runs the keys a whole run gives them: they hit', () => {
    const p = project();
    const first = runBuild(p);
    // Kept from the first run (not selected), package and compile hand report and package their output hashes.
    const only = runBuild(p, ['--only', 'report']);
    expect(only.ran).toEqual([]);
    expect(only.record.steps.report!.status).toBe('cached');
    expect(only.record.steps.report!.cacheKey).toBe(first.record.steps.report!.cacheKey);
    const from = runBuild(p, ['--from', 'package']);
    expect(from.ran).toEqual([]);
    expect([from.record.steps.package!.status, from.record.steps.report!.status]).toEqual(['cached', 'cached']);
    // A changed input still reruns what reads it, partial run or not.
    writeFileSync(join(p.dir, 'LICENSE.txt'), 'MIT, changed\n');
    const changed = runBuild(p, ['--from', 'package']);
    expect(changed.ran).toEqual(['package', 'report']);
  });

  it('touching an input without changing it is still a hit', () => {
    const p = project();
    runBuild(p);
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(p.dir, 'src', 'a.txt'), later, later);
    const again = runBuild(p);
    expect(again.ran).toEqual([]);
    expect(statuses(again.record)).toEqual(['cached', 'cached', 'cached', 'cached']);
  });

  it('a changed input reruns its step and the steps downstream of it, and --explain names the file', () => {
    const p = project();
    runBuild(p);
    appendFileSync(join(p.dir, 'LICENSE.txt'), 'and more\n');
    const result = cli(['run', p.file, '--explain'], p.home, p.dir);
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(join(p.dir, 'ran.log'), 'utf8').split('\n').filter(Boolean).slice(-2)).toEqual(['package', 'report']);
    expect(result.stdout).toContain('words: cached');
    expect(result.stdout).toContain('package: ran — input LICENSE.txt changed');
    // Its command templates the size package wrote: its parameters changed too.
    expect(result.stdout).toContain('report: ran — parameters, input dist/package.txt and upstream package changed');
    expect(result.stdout).toContain('      input dist/package.txt: changed\n      upstream package: output changed\n');
  });

  it('an upstream step that reruns to byte-identical outputs lets its dependents hit (early cutoff)', () => {
    const p = project();
    runBuild(p);
    // A duplicate word: the input changed, sort -u writes the same words.
    appendFileSync(join(p.dir, 'src', 'b.txt'), 'apple\n');
    const again = runBuild(p);
    expect(again.ran).toEqual(['words']);
    expect(statuses(again.record)).toEqual(['succeeded', 'cached', 'cached', 'cached']);
    expect(again.record.steps.words!.cacheMiss).toEqual({ summary: 'input src/b.txt changed', changes: [{ kind: 'input', name: 'src/b.txt', detail: 'changed' }] });
    // A new word changes the output: everything downstream runs.
    appendFileSync(join(p.dir, 'src', 'b.txt'), 'kiwi\n');
    expect(runBuild(p).ran).toEqual(STEPS);
    // An excluded file is no input.
    writeFileSync(join(p.dir, 'src', 'notes.bak'), 'ignored');
    expect(runBuild(p).ran).toEqual([]);
  });

  it('a value of an env name the step lists changes its key', () => {
    const p = project();
    runBuild(p, [], { RELEASE: '1.0' });
    const again = runBuild(p, [], { RELEASE: '1.1' });
    expect(again.ran).toEqual(['package', 'report']);
    expect(again.record.steps.package!.cacheMiss!.summary).toBe('env RELEASE changed');
    expect(readFileSync(join(p.dir, 'dist', 'package.txt'), 'utf8')).toMatch(/^package 1\.1\n/);
    // Back to 1.0: that result is still stored, and restored over the file 1.1 wrote (the cache's own, not the user's).
    const back = runBuild(p, [], { RELEASE: '1.0' });
    expect(back.ran).toEqual([]);
    expect(readFileSync(join(p.dir, 'dist', 'package.txt'), 'utf8')).toMatch(/^package 1\.0\n/);
  });

  it('a failed step is not stored: it runs again until it succeeds', () => {
    const p = project();
    writeFileSync(join(p.dir, 'build.yaml'), readFileSync(p.file, 'utf8').replace('echo compile >> ran.log &&', 'echo compile >> ran.log && test ! -e FAIL &&'));
    writeFileSync(join(p.dir, 'FAIL'), '');
    for (let attempt = 0; attempt < 2; attempt++) {
      rmSync(join(p.dir, 'ran.log'), { force: true });
      const failed = cli(['run', p.file, '--json'], p.home, p.dir);
      expect(failed.code).toBe(1);
      const record = JSON.parse(failed.stdout) as Record;
      expect(statuses(record)).toEqual([attempt === 0 ? 'succeeded' : 'cached', 'failed', 'skipped', 'skipped']);
      expect(record.steps.compile!.cacheKey).toMatch(/^[0-9a-f]{32}$/);
      expect(readFileSync(join(p.dir, 'ran.log'), 'utf8')).toContain('compile');
    }
    rmSync(join(p.dir, 'FAIL'));
    expect(runBuild(p).ran).toEqual(['compile', 'package', 'report']);
  });

  it('an output file the user changed since is never overwritten by a restore: the step runs', () => {
    const p = project();
    runBuild(p);
    writeFileSync(join(p.dir, 'gen', 'words.txt'), 'edited by hand\n');
    const again = runBuild(p);
    expect(again.ran[0]).toBe('words');
    expect(again.record.steps.words!.status).toBe('succeeded');
    expect(again.record.steps.words!.cacheMiss).toEqual({
      summary: 'output gen/words.txt changed since it was stored', changes: [{ kind: 'outputs', name: 'gen/words.txt', detail: 'output differs from the cache (changed since)' }],
    });
    // It ran to the same output: the steps after it hit.
    expect(again.ran).toEqual(['words']);
  });

  it('a step with cache: false runs every time under a workflow default, and a save of the file keeps it', () => {
    const dir = tempDir('codomyrmex-cache-opt-out-');
    const home = tempDir('codomyrmex-cache-opt-out-home-');
    const file = join(dir, 'deploy.yaml');
    writeFileSync(join(dir, 'in.txt'), 'v1\n');
    writeFileSync(file, [
      'version: 1', 'name: deploy', 'cache: { inputs: [in.txt] }', 'steps:',
      '  - { name: build, module: shell, action: run, parameters: { command: "echo build >> ran.log" } }',
      '  - { name: deploy, module: shell, action: run, parameters: { command: "echo deploy >> ran.log" }, dependencies: [build], cache: false }',
    ].join('\n'));
    for (let round = 0; round < 2; round++) expect(cli(['run', file], home, dir).code).toBe(0);
    expect(readFileSync(join(dir, 'ran.log'), 'utf8')).toBe('build\ndeploy\ndeploy\n');
    // Written back (the editor's save, a fresh rendering too), the opt-out stays.
    const loaded = loadWorkflowFile(file);
    expect(saveWorkflowFile(file, { ...loaded.workflow, description: 'saved' }, loaded).workflow.steps[1]!.cache).toBe(false);
    expect(renderWorkflow(loaded.workflow, 'yaml')).toContain('cache: false');
  });

  it('an input changed while the step ran is not stored under the key of the content before: no stale output later', () => {
    const dir = tempDir('codomyrmex-cache-drift-');
    const home = tempDir('codomyrmex-cache-drift-home-');
    const file = join(dir, 'drift.yaml');
    writeFileSync(join(dir, 'in.txt'), 'old\n');
    // The step reads its input, then the input changes before the step ends (as an editor's save during a build).
    writeFileSync(file, [
      'version: 1', 'name: drift', 'steps:',
      '  - { name: build, module: shell, action: run, parameters: { command: "cat in.txt > out.txt && echo edited > in.txt" }, cache: { inputs: [in.txt], outputs: [out.txt] } }',
    ].join('\n'));
    const first = cli(['run', file, '--json'], home, dir);
    expect(first.code, first.stderr).toBe(0);
    // The step's log (under the data folder) says why it was not stored.
    const logs = readdirSync(home, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.log')).map((name) => readFileSync(join(home, name), 'utf8'));
    expect(logs.join('')).toMatch(/the result was not stored in the cache at .*: input in\.txt changed while the step ran/);

    // Back to the content the first key was made of: the step runs (nothing stored for it), never restoring "old"'s
    // output made from the edited file, and says why.
    writeFileSync(join(dir, 'in.txt'), 'old\n');
    rmSync(join(dir, 'out.txt'));
    const again = cli(['run', file, '--explain'], home, dir);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('build: ran — no stored result: the last run\'s result was not stored (input in.txt changed while the step ran)');
    expect(readFileSync(join(dir, 'out.txt'), 'utf8')).toBe('old\n');
  });

  it('--no-cache reads and writes nothing; --force runs the steps named and stores their new results', () => {
    const p = project();
    const off = runBuild(p, ['--no-cache']);
    expect(off.ran).toEqual(STEPS);
    expect(off.record.steps.words!.cacheKey).toBeUndefined();
    expect(off.record.steps.words!.cacheMiss!.summary).toBe('--no-cache');
    expect(JSON.parse(cli(['cache', 'stats', '--json'], p.home).stdout)).toMatchObject({ entries: 0, bytes: 0 });

    runBuild(p);
    const forced = runBuild(p, ['--force', 'compile']);
    expect(forced.ran).toEqual(['compile']);
    expect(statuses(forced.record)).toEqual(['cached', 'succeeded', 'cached', 'cached']);
    expect(forced.record.steps.compile!.cacheMiss!.summary).toBe('--force');
    const unknown = cli(['run', p.file, '--force', 'nope'], p.home, p.dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--force names no step of build: "nope"');
  });

  it('two concurrent runs of the same workflow leave a whole cache both later runs hit', async () => {
    const p = project();
    const runs = [cliProcess(['run', p.file, '--json'], p.home), cliProcess(['run', p.file, '--json'], p.home)];
    const stderr = ['', ''];
    runs.forEach((child, i) => child.stderr!.on('data', (chunk: Buffer) => (stderr[i] += chunk.toString())));
    const codes = await Promise.all(runs.map((child) => new Promise<number | null>((resolve) => child.on('exit', resolve))));
    expect(codes, stderr.join('\n---\n')).toEqual([0, 0]);
    expect(JSON.parse(cli(['cache', 'stats', '--json'], p.home).stdout).entries).toBe(4);
    rmSync(join(p.dir, 'dist'), { recursive: true });
    const after = runBuild(p);
    expect(after.ran).toEqual([]);
    expect(statuses(after.record)).toEqual(['cached', 'cached', 'cached', 'cached']);
    expect(readFileSync(join(p.dir, 'dist', 'package.txt'), 'utf8')).toBe('package \nAPPLE\nFIG\nPEAR\nMIT\n');
  });

  it('cache stats, prune and clear manage it; a shared location (CODOMYRMEX_CACHE_DIR) serves another home', () => {
    const p = project();
    runBuild(p);
    const stats = JSON.parse(cli(['cache', 'stats', '--json'], p.home).stdout);
    expect(stats).toMatchObject({ location: join(p.home, 'cache'), entries: 4, maxBytes: 5 * 1024 ** 3 });
    expect(stats.bytes).toBeGreaterThan(0);
    expect(cli(['cache', 'stats'], p.home).stdout).toContain(`${join(p.home, 'cache')}: 4 entries`);
    const pruned = JSON.parse(cli(['cache', 'prune', '--max-bytes', '1', '--json'], p.home).stdout);
    expect(pruned).toMatchObject({ evicted: 4, entries: 0, bytes: 0 });
    expect(runBuild(p).record.steps.words!.cacheMiss!.summary).toBe('no stored result for this key (cleared or evicted)');
    expect(JSON.parse(cli(['cache', 'clear', '--json'], p.home).stdout)).toMatchObject({ entries: 0, bytes: 0 });

    const shared = tempDir('codomyrmex-shared-cache-');
    runBuild(p, [], { CODOMYRMEX_CACHE_DIR: shared });
    const elsewhere = project();
    const other = runBuild(elsewhere, [], { CODOMYRMEX_CACHE_DIR: shared });
    expect(other.ran).toEqual([]);
    expect(statuses(other.record)).toEqual(['cached', 'cached', 'cached', 'cached']);
    expect(cli(['cache', 'frobnicate'], p.home).stderr).toContain('codomyrmex cache takes one of stats, prune, clear, got frobnicate');
  });
});
