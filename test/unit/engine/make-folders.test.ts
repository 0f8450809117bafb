import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FolderError, makeFolders } from '../../../electron/engine/make-folders.js';
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

  it('refuses a path through a file, naming the folder and the reason in words', () => {
    const root = tempDir();
    writeFileSync(join(root, 'dist'), 'a file');
    expect(() => makeFolders(join(root, 'dist'))).toThrow(`cannot make the folder ${join(root, 'dist')}: a file of that name is there (EEXIST)`);
    expect(() => makeFolders(join(root, 'dist', 'sub'))).toThrow(`cannot make the folder ${join(root, 'dist', 'sub')}: a file stands where a folder on its path should be (ENOTDIR)`);
    try {
      makeFolders(join(root, 'dist', 'sub'));
    } catch (error) {
      expect(error).toBeInstanceOf(FolderError);
      expect((error as FolderError).code).toBe('ENOTDIR');
    }
  });

  // Node's recursive mkdir loops for ever here: a cache folder or a project set to such a path hung the engine.
  it.runIf(existsSync('/proc/self'))('returns at once where the file system takes no new folder (/proc)', () => {
    expect(() => makeFolders('/proc/codomyrmex-nope/sub')).toThrow('cannot make the folder /proc/codomyrmex-nope/sub: this file system takes no new folder there (ENOENT)');
    expect(() => makeFolders('/proc/codomyrmex-nope')).toThrow(/ENOENT/);
  });
});
