import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeFolders } from '../../../electron/engine/make-folders.js';
import { tempDir } from '../../helpers.js';

describe('makeFolders', () => {
  it('makes a folder and every missing parent, and accepts one that is there', () => {
    const root = tempDir();
    const deep = join(root, 'a', 'b', 'c');
    makeFolders(deep);
    expect(statSync(deep).isDirectory()).toBe(true);
    makeFolders(deep);
    makeFolders(root);
    expect(statSync(deep).isDirectory()).toBe(true);
  });

  it('refuses a path through a file, naming the file system\'s reason', () => {
    const root = tempDir();
    writeFileSync(join(root, 'dist'), 'a file');
    expect(() => makeFolders(join(root, 'dist'))).toThrow(/EEXIST/);
    expect(() => makeFolders(join(root, 'dist', 'sub'))).toThrow(/ENOTDIR/);
  });

  // Node's recursive mkdir loops for ever here: a cache folder or a project set to such a path hung the engine.
  it.runIf(existsSync('/proc/self'))('returns with ENOENT where the file system refuses new folders (/proc)', () => {
    expect(() => makeFolders('/proc/codomyrmex-nope/sub')).toThrow(/ENOENT/);
    expect(() => makeFolders('/proc/codomyrmex-nope')).toThrow(/ENOENT/);
  });
});
