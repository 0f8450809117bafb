// A cached step whose result could not be stored — a declared output it did not write, a cache folder that cannot be
// written — stays succeeded, says why in its log, and the next run's --explain says why it ran again.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../cli.js';
import { folderWith, tempDir } from '../helpers.js';

/** A one-step workflow whose step says it writes `out.txt`; `command` decides what it really does. */
function project(command: string): { home: string; dir: string; file: string } {
  const dir = folderWith({
    'in.txt': 'input\n',
    'make.yaml': [
      'version: 1', 'name: make', 'steps:',
      `  - { name: build, module: shell, action: run, parameters: { command: "echo ran >> ran.log && ${command}" }, cache: { inputs: [in.txt], outputs: [out.txt] } }`,
    ].join('\n'),
  }, 'codomyrmex-cache-store-');
  return { home: tempDir('codomyrmex-cache-store-home-'), dir, file: join(dir, 'make.yaml') };
}

const runs = (dir: string): number => readFileSync(join(dir, 'ran.log'), 'utf8').split('\n').filter(Boolean).length;

interface Record {
  executionId: string;
  steps: { build: { status: string; cacheMiss?: { summary: string } } };
}

describe('a result the cache could not store', () => {
  it('a declared output the step did not write: stored as nothing, and the next run says the last store failed and why', () => {
    const p = project('echo no output file');
    const first = cli(['run', p.file, '--json'], p.home, p.dir);
    expect(first.code, first.stderr).toBe(0);
    const record = JSON.parse(first.stdout) as Record;
    expect(record.steps.build.status).toBe('succeeded');
    expect(record.steps.build.cacheMiss!.summary).toBe('first run');
    const logs = join(p.home, 'logs', record.executionId);
    const log = readdirSync(logs).map((name) => readFileSync(join(logs, name), 'utf8')).join('');
    expect(log).toContain(`the result was not stored in the cache at ${join(p.home, 'cache')}: declared output out.txt not written by the step`);
    expect(JSON.parse(cli(['cache', 'stats', '--json'], p.home).stdout)).toMatchObject({ entries: 0 });

    const again = cli(['run', p.file, '--explain'], p.home, p.dir);
    expect(again.code, again.stderr).toBe(0);
    expect(runs(p.dir)).toBe(2);
    expect(again.stdout).toContain("build: ran — no stored result: the last run's result was not stored (declared output out.txt not written by the step)");
  });

  it('an output outside the run\'s folder: never stored (a hit never writes there), and --explain says so', () => {
    const p = project('true');
    writeFileSync(join(p.dir, 'up.yaml'), [
      'version: 1', 'name: up', 'steps:',
      '  - { name: build, module: shell, action: run, parameters: { command: "echo ran >> ran.log && echo built > ../up-out.txt" }, cache: { inputs: [in.txt], outputs: [../up-out.txt] } }',
    ].join('\n'));
    const up = cli(['run', join(p.dir, 'up.yaml'), '--json'], p.home, p.dir);
    expect(up.code, up.stderr).toBe(0);
    expect((JSON.parse(up.stdout) as Record).steps.build.status).toBe('succeeded');
    expect(JSON.parse(cli(['cache', 'stats', '--json'], p.home).stdout)).toMatchObject({ entries: 0 });
    const again = cli(['run', join(p.dir, 'up.yaml'), '--explain'], p.home, p.dir);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(`build: ran — no stored result: the last run's result was not stored (output ../up-out.txt is outside the run's folder ${p.dir}, where a cached result is never restored)`);
    rmSync(join(p.dir, '..', 'up-out.txt'), { force: true });
    // `validate` says so before any run; a step whose outputs stay inside gets no such note.
    const checked = cli(['validate', join(p.dir, 'up.yaml')], p.home);
    expect(checked.code, checked.stderr).toBe(0);
    expect(checked.stdout).toContain(`note: step "build": cache output ../up-out.txt is outside the run's folder ${p.dir}; a hit never writes there, so its result is never stored and the step always runs`);
    expect(cli(['validate', p.file], p.home).stdout).not.toContain('cache output');
  });

  it('a cache folder that cannot be written (ENOTDIR): the step succeeds, and --explain names the error, not a first run', () => {
    const p = project('echo built > out.txt');
    const blocker = join(tempDir('codomyrmex-cache-blocked-'), 'file');
    writeFileSync(blocker, 'a file where the cache folder should be');
    const env = { CODOMYRMEX_CACHE_DIR: join(blocker, 'cache') };
    const first = cli(['run', p.file, '--json'], p.home, p.dir, env);
    expect(first.code, first.stderr).toBe(0);
    expect((JSON.parse(first.stdout) as Record).steps.build.status).toBe('succeeded');

    const again = cli(['run', p.file, '--explain'], p.home, p.dir, env);
    expect(again.code, again.stderr).toBe(0);
    expect(runs(p.dir)).toBe(2);
    expect(again.stdout).toMatch(/build: ran — no stored result: the last run's result was not stored \(ENOTDIR: not a directory, [^)]*\)/);

    // Where it can store again, it does, and the run after hits.
    cli(['run', p.file], p.home, p.dir);
    const hit = cli(['run', p.file, '--explain'], p.home, p.dir);
    expect(hit.stdout).toContain('build: cached (key ');
    expect(runs(p.dir)).toBe(3);
  });

  it('a store that fails still gives the step the output hash of its files: a dependent gets the key a stored run gives it', () => {
    const dir = folderWith({
      'in.txt': 'input\n',
      'chain.yaml': [
        'version: 1', 'name: chain', 'steps:',
        '  - { name: build, module: shell, action: run, parameters: { command: "cp in.txt out.txt" }, cache: { inputs: [in.txt], outputs: [out.txt] } }',
        '  - { name: check, module: shell, action: run, parameters: { command: "cat out.txt" }, dependencies: [build], cache: { inputs: [out.txt] } }',
      ].join('\n'),
    }, 'codomyrmex-cache-store-');
    const file = join(dir, 'chain.yaml');
    const keyOfCheck = (env: { [name: string]: string }): string => {
      const result = cli(['run', file, '--json'], tempDir('codomyrmex-cache-store-home-'), dir, env);
      expect(result.code, result.stderr).toBe(0);
      const record = JSON.parse(result.stdout) as { steps: { [step: string]: { status: string; cacheKey: string } } };
      expect(record.steps.build!.status).toBe('succeeded');
      return record.steps.check!.cacheKey;
    };
    const blocker = join(tempDir('codomyrmex-cache-blocked-'), 'file');
    writeFileSync(blocker, 'a file where the cache folder should be');
    // The same files, stored or not: the dependent's key is the same, so the next run where the store works hits.
    expect(keyOfCheck({ CODOMYRMEX_CACHE_DIR: join(blocker, 'cache') })).toBe(keyOfCheck({}));
  });
});
