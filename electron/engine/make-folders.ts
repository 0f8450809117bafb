// Creating a folder and its missing parents, in a bounded number of steps. Node's own `mkdir(path, { recursive: true })`
// never returns where the file system refuses a new folder with ENOENT beneath a parent that exists (/proc, /sys): it
// makes the parent (it exists), tries the folder again, and loops. A settings value or a project path pointing there
// hung the whole engine.
import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Creates `path` and whatever parents it lacks; an existing folder is fine. Throws what the file system said. */
export function makeFolders(path: string): void {
  const missing: string[] = [];
  for (let at = resolve(path); ; ) {
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
