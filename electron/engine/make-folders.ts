// Creating a folder and its missing parents, in a bounded number of steps. Node's own `mkdir(path, { recursive: true })`
// never returns where the file system refuses a new folder with ENOENT beneath a parent that exists (/proc, /sys): it
// makes the parent (it exists), tries the folder again, and loops. A settings value or a project path pointing there
// hung the whole engine.
import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** A folder that could not be made: which, and why in words; `code` is the file system's (ENOENT, EACCES…). */
export class FolderError extends Error {
  readonly code: string | undefined;

  constructor(
    readonly path: string,
    cause: NodeJS.ErrnoException,
  ) {
    super(`cannot make the folder ${path}: ${reasonOf(cause)}`, { cause });
    this.name = 'FolderError';
    this.code = cause.code;
  }
}

/** Creates `path` and whatever parents it lacks; an existing folder is fine. Throws a FolderError saying why not. */
export function makeFolders(path: string): void {
  const target = resolve(path);
  try {
    const missing: string[] = [];
    for (let at = target; ; ) {
      if (madeOrFound(at)) break;
      const parent = dirname(at);
      if (parent === at) break;
      missing.push(at);
      at = parent;
    }
    // Each folder is made once, from the outermost missing one inward; a refusal now is the file system's last word.
    for (let index = missing.length - 1; index >= 0; index--) {
      if (!madeOrFound(missing[index]!)) mkdirSync(missing[index]!);
    }
  } catch (error) {
    throw new FolderError(target, error as NodeJS.ErrnoException);
  }
}

function reasonOf(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    // Its parent is there (every missing parent was made first): the file system itself takes no new folder there.
    case 'ENOENT': return 'this file system takes no new folder there (ENOENT)';
    case 'EACCES':
    case 'EPERM': return `permission denied (${error.code})`;
    case 'EROFS': return 'the file system is read-only (EROFS)';
    case 'ENOTDIR': return 'a file stands where a folder on its path should be (ENOTDIR)';
    case 'EEXIST': return 'a file of that name is there (EEXIST)';
    case 'ENOSPC': return 'the disk is full (ENOSPC)';
    default: return error.message;
  }
}

/** True when `path` is a folder now (made here or already there); false when its parent is missing. */
function madeOrFound(path: string): boolean {
  try {
    mkdirSync(path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' && statSync(path, { throwIfNoEntry: false })?.isDirectory() === true) return true;
    if (code === 'ENOENT') return false;
    throw error;
  }
}
