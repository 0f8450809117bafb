// A cached step's files: plain relative paths joined without normalising give what path.resolve gives, and a declared
// output path that is not there is reported, not silently left out.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GlobbingNotLoaded, inputFiles, loadGlobbing, outputFiles, under } from '../../../../electron/engine/cache/step-files.js';
import { tempDir } from '../../../helpers.js';

describe('under', () => {
  it('is path.resolve for every shape of path a step may name', () => {
    for (const path of ['a.txt', 'out/s0_1.txt', '.hidden', 'a/.b', '..x', './a', '../a', 'a/../b', 'a/./b', '/abs/x', 'a//b', 'a/b/', '', 'a/..', 'a/.', '.', '..']) {
      expect(under('/work/project', path)).toBe(resolve('/work/project', path));
    }
    expect(under('/', 'a/b')).toBe('/a/b');
  });
});

describe('outputFiles', () => {
  it('names plain files without the glob libraries, and asks for them to be loaded for a folder or a glob', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'build'));
    writeFileSync(join(dir, 'app'), 'app');
    expect(outputFiles(dir, { inputs: [], outputs: ['app', 'gone.txt'], env: [] })).toEqual({ files: ['app'], links: new Map(), folders: new Set(), missing: ['gone.txt'] });
    expect(() => outputFiles(dir, { inputs: [], outputs: ['build'], env: [] })).toThrow(GlobbingNotLoaded);
    await loadGlobbing();
    // An empty folder named as an output is one: a restore makes it again.
    expect(outputFiles(dir, { inputs: [], outputs: ['build'], env: [] })).toEqual({ files: ['build'], links: new Map(), folders: new Set(['build']), missing: [] });
  });

  it('lists the files the outputs name and the plain paths among them that are not there', async () => {
    await loadGlobbing();
    const dir = tempDir();
    mkdirSync(join(dir, 'build', 'deep'), { recursive: true });
    writeFileSync(join(dir, 'build', 'deep', 'x.o'), 'x');
    writeFileSync(join(dir, 'app'), 'app');
    expect(outputFiles(dir, { inputs: [], outputs: ['app', 'build', 'dist/app.js'], env: [] })).toEqual({ files: ['app', 'build/deep/x.o'], links: new Map(), folders: new Set(), missing: ['dist/app.js'] });
    expect(outputFiles(dir, { inputs: [], outputs: ['build/**/*.o', 'dist/app.js', '!build/none'], env: [] })).toEqual({ files: ['build/deep/x.o'], links: new Map(), folders: new Set(), missing: ['dist/app.js'] });
  });

  it('keeps links below the folders the outputs name as links, and follows a folder link the outputs name themselves', async () => {
    await loadGlobbing();
    const dir = tempDir();
    const elsewhere = tempDir();
    writeFileSync(join(elsewhere, 'far.txt'), 'far');
    mkdirSync(join(dir, 'deps', 'pkg', 'bin'), { recursive: true });
    mkdirSync(join(dir, 'deps', '.bin'));
    writeFileSync(join(dir, 'deps', 'pkg', 'bin', 'tool'), 'tool');
    symlinkSync('../pkg/bin/tool', join(dir, 'deps', '.bin', 'tool'));
    symlinkSync(elsewhere, join(dir, 'deps', 'linked'));
    symlinkSync('nowhere', join(dir, 'deps', 'dangling'));
    symlinkSync('loop', join(dir, 'deps', 'loop'));
    symlinkSync(elsewhere, join(dir, 'scratch'));
    // A link to an empty folder: the glob walks into it, finds nothing and lists nothing for it.
    mkdirSync(join(dir, 'hollow'));
    symlinkSync('../hollow', join(dir, 'deps', 'to-hollow'));
    const links = new Map([['deps/.bin/tool', '../pkg/bin/tool'], ['deps/dangling', 'nowhere'], ['deps/linked', elsewhere], ['deps/loop', 'loop'], ['deps/to-hollow', '../hollow']]);
    // A file link is one path, a folder link one path in place of the files under it; a link to nothing (or to itself)
    // is kept too, and so is a link to an empty folder.
    const files = ['deps/.bin/tool', 'deps/dangling', 'deps/linked', 'deps/loop', 'deps/pkg/bin/tool', 'deps/to-hollow'];
    expect(outputFiles(dir, { inputs: [], outputs: ['deps/**'], env: [] })).toEqual({ files, links, folders: new Set(), missing: [] });
    expect(outputFiles(dir, { inputs: [], outputs: ['deps'], env: [] })).toEqual({ files, links, folders: new Set(), missing: [] });
    // As inputs (read by content), the link to nothing is left out and the links are followed.
    expect(inputFiles(dir, { inputs: ['deps/**'], outputs: [], env: [] })).toEqual(['deps/.bin/tool', 'deps/linked/far.txt', 'deps/pkg/bin/tool']);
    // Named by the outputs: a folder link is followed, a file link (even one pointing nowhere) kept.
    expect(outputFiles(dir, { inputs: [], outputs: ['scratch/**', 'deps/.bin/tool', 'deps/dangling'], env: [] })).toEqual({
      files: ['deps/.bin/tool', 'deps/dangling', 'scratch/far.txt'], links: new Map([['deps/.bin/tool', '../pkg/bin/tool'], ['deps/dangling', 'nowhere']]), folders: new Set(), missing: [],
    });
  });

  it('lists the empty folders among the outputs (not those holding something, nor those found through a link), and leaves them out of inputs', async () => {
    await loadGlobbing();
    const dir = tempDir();
    const elsewhere = tempDir();
    mkdirSync(join(elsewhere, 'hollow'));
    for (const folder of ['dist/assets', 'dist/logs/old', 'dist/js', 'dist/tmp-only']) mkdirSync(join(dir, folder), { recursive: true });
    writeFileSync(join(dir, 'dist', 'js', 'app.js'), 'app');
    writeFileSync(join(dir, 'dist', 'tmp-only', 'x.tmp'), 'x');
    symlinkSync(elsewhere, join(dir, 'dist', 'linked'));
    expect(outputFiles(dir, { inputs: [], outputs: ['dist/**', '!dist/**/*.tmp'], env: [] })).toEqual({
      files: ['dist/assets', 'dist/js/app.js', 'dist/linked', 'dist/logs/old', 'dist/tmp-only'],
      links: new Map([['dist/linked', elsewhere]]),
      folders: new Set(['dist/assets', 'dist/logs/old', 'dist/tmp-only']),
      missing: [],
    });
    expect(inputFiles(dir, { inputs: ['dist/**'], outputs: [], env: [] })).toEqual(['dist/js/app.js', 'dist/tmp-only/x.tmp']);
  });
});

describe('version control folders', () => {
  it('are never reached by a glob or a folder (a commit would change every key), unless a pattern names them', async () => {
    await loadGlobbing();
    const dir = tempDir();
    mkdirSync(join(dir, '.git', 'refs'), { recursive: true });
    mkdirSync(join(dir, 'sub', '.hg'), { recursive: true });
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    writeFileSync(join(dir, '.git', 'refs', 'main'), 'abc\n');
    writeFileSync(join(dir, 'sub', '.hg', 'dirstate'), 'x');
    // A worktree's or a submodule's `.git` is a file naming the repository's folder: a path that differs per checkout.
    writeFileSync(join(dir, 'sub', '.git'), 'gitdir: /elsewhere\n');
    writeFileSync(join(dir, 'src', 'a.c'), 'a');
    writeFileSync(join(dir, '.env'), 'dotfiles are inputs');
    const inputs = (patterns: string[]) => inputFiles(dir, { inputs: patterns, outputs: [], env: [] });
    expect(inputs(['**'])).toEqual(['.env', 'src/a.c']);
    expect(inputs(['.'])).toEqual(['.env', 'src/a.c']);
    expect(outputFiles(dir, { inputs: [], outputs: ['**'], env: [] }).files).not.toContain('.git/HEAD');
    // Named, they are what the user asked for.
    expect(inputs(['.git/HEAD'])).toEqual(['.git/HEAD']);
    expect(inputs(['.git/refs/**', 'src/**'])).toEqual(['.git/refs/main', 'src/a.c']);
  });
});
