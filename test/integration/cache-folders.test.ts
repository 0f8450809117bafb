// An empty folder among a cached step's outputs is made again on a restore: a later step writing into it (`dist/assets/`
// made by the build, filled by the next step) found it gone when only files were restored.
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../cli.js';
import { folderWith, tempDir } from '../helpers.js';

function project(): { home: string; dir: string; file: string } {
  const dir = folderWith({
    'in.txt': 'input\n',
    'folders.yaml': [
      'version: 1', 'name: folders', 'steps:',
      '  - { name: build, module: shell, action: run, parameters: { command: "echo ran >> ran.log && mkdir -p dist/assets dist/js && cp in.txt dist/js/app.js" }, cache: { inputs: [in.txt], outputs: [dist] } }',
      '  - { name: copy, module: shell, action: run, parameters: { command: "cp in.txt dist/assets/logo.txt" }, dependencies: [build] }',
    ].join('\n'),
  }, 'codomyrmex-cache-folders-');
  return { home: tempDir('codomyrmex-cache-folders-home-'), dir, file: join(dir, 'folders.yaml') };
}

interface Record {
  steps: { build: { status: string }; copy: { status: string } };
}

describe('empty folders among cached outputs', () => {
  it('are made again on a restore, so the next step can write into them', () => {
    const p = project();
    const first = cli(['run', p.file, '--json'], p.home, p.dir);
    expect(first.code, first.stderr).toBe(0);
    rmSync(join(p.dir, 'dist'), { recursive: true });

    const again = cli(['run', p.file, '--json'], p.home, p.dir);
    expect(again.code, again.stderr).toBe(0);
    const record = JSON.parse(again.stdout) as Record;
    expect(record.steps.build.status).toBe('cached');
    expect(record.steps.copy.status).toBe('succeeded');
    expect(readFileSync(join(p.dir, 'ran.log'), 'utf8')).toBe('ran\n');
    expect(statSync(join(p.dir, 'dist', 'assets')).isDirectory()).toBe(true);
    expect(readFileSync(join(p.dir, 'dist', 'assets', 'logo.txt'), 'utf8')).toBe('input\n');
  });

  it('a file where the folder was is a change: the step runs, and the file is not replaced behind the user\'s back', () => {
    const p = project();
    cli(['run', p.file], p.home, p.dir);
    rmSync(join(p.dir, 'dist', 'assets'), { recursive: true });
    writeFileSync(join(p.dir, 'dist', 'assets'), 'mine');
    const again = cli(['run', p.file, '--explain'], p.home, p.dir);
    // The step runs (mkdir -p fails on the file: the run fails, saying so), as with any output the user changed.
    expect(again.stdout).toContain('build: ran — output dist/assets changed since it was stored');
    expect(readFileSync(join(p.dir, 'ran.log'), 'utf8')).toBe('ran\nran\n');
    expect(existsSync(join(p.dir, 'dist', 'assets')) && readFileSync(join(p.dir, 'dist', 'assets'), 'utf8')).toBe('mine');
  });

  it('a file where a folder on an output\'s path was is a miss that says so, not a failure of the cache: the step runs', () => {
    const p = project();
    cli(['run', p.file], p.home, p.dir);
    rmSync(join(p.dir, 'dist'), { recursive: true });
    writeFileSync(join(p.dir, 'dist'), 'mine');
    const again = cli(['run', p.file, '--explain'], p.home, p.dir);
    // The check of dist/js/app.js meets the file `dist`: the step itself runs, and its mkdir -p fails on that file.
    expect(again.stdout).toMatch(/build: ran — output dist\/\S+ could not be checked: a file stands where a folder on its path should be/);
    expect(again.stdout).not.toContain('ENOTDIR');
    expect(readFileSync(join(p.dir, 'ran.log'), 'utf8')).toBe('ran\nran\n');
    expect(readFileSync(join(p.dir, 'dist'), 'utf8')).toBe('mine');
  });
});
