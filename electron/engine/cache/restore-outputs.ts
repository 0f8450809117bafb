// A hit's output files put back: never over a file the user changed since (its content differs from what was
// stored: that is a miss and the step runs), each missing file copied from its blob beside its place and renamed in;
// a symbolic link made again, pointing where it pointed; an empty folder made again.
import { randomBytes } from 'node:crypto';
import { chmodSync, constants, copyFileSync, lstatSync, readlinkSync, renameSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import type { CacheMiss } from '../../../shared/model.js';
import { folderHash, hasContent, linkHash, type CacheEntry, type CacheStore, type StoredFile } from './cache-store.js';
import type { Hasher } from './hashing.js';
import type { StatMemo } from './stat-memo.js';
import { under } from './step-files.js';
import { makeFolders } from '../make-folders.js';

/**
 * Restores the entry's files under `dir`; null when every one is in place, else why the entry cannot be used. A file
 * present with other content is replaced only when it is what this step's last stored or restored result put there
 * (`lastOutputs`: path → hash), as when switching back to an earlier key; otherwise the user changed it. A file in
 * place is known by the stat memo, not read again. Nothing is written outside `root` (the run's folder): see
 * outsideRoot.
 */
export function restoreOutputs(store: CacheStore, memo: StatMemo, hasher: Hasher, entry: CacheEntry, dir: string, root: string, lastOutputs: () => Readonly<Record<string, string>>): CacheMiss | null {
  const outside = outsideRoot(entry, dir, root);
  if (outside !== null) return notOurs(outside);
  // Plain loops, and nothing collected while every file is in place: a run of hits does this hundreds of times.
  let missing: StoredFile[] | null = null;
  const files = entry.files;
  for (let i = 0; i < files.length; i++) {
    const file = files[i]!;
    const target = under(dir, file.path);
    let onDisk: string | null;
    try {
      onDisk = hashAt(target, file, memo, hasher);
    } catch (error) {
      // A file where a folder on the path should be, a folder not to be read: the step runs; nothing is put there.
      return notChecked(file.path, error);
    }
    if (onDisk === file.hash) continue;
    if (onDisk !== null && lastOutputs()[file.path] !== onDisk) return changedSince(file.path);
    (missing ??= []).push(file);
  }
  if (missing === null) return null;
  for (const file of missing) if (hasContent(file) && !store.hasBlob(file.hash)) return storedCopyGone(file.path);
  for (const file of missing) {
    const target = under(dir, file.path);
    if (file.folder === true) {
      try {
        makeFolders(target);
        continue;
      } catch (error) {
        return notRestored(file.path, error);
      }
    }
    const temp = `${target}.codomyrmex-${randomBytes(4).toString('hex')}`;
    try {
      makeFolders(dirname(target));
      if (file.link !== undefined) symlinkSync(file.link, temp);
      else {
        copyFileSync(store.blobPath(file.hash), temp, constants.COPYFILE_FICLONE);
        // Permissions only: a set-user-ID or set-group-ID bit from the store (on shared storage, written by others) is
        // never put on a file here.
        chmodSync(temp, file.mode & 0o777);
      }
      renameSync(temp, target);
    } catch (error) {
      rmSync(temp, { force: true });
      return notRestored(file.path, error);
    }
  }
  return null;
}

/**
 * What is at `target`, hashed as `file` is stored, for restoreOutputs to compare: a file's content (a stored file's
 * place is read through a link, a stored link's or folder's is not), a link's target, an empty folder's mark; null for
 * nothing there. A folder where a file or link was, or anything else, gets IN_THE_WAY.
 */
function hashAt(target: string, file: StoredFile, memo: StatMemo, hasher: Hasher): string | null {
  const stat = hasContent(file) ? statSync(target, { throwIfNoEntry: false }) : lstatSync(target, { throwIfNoEntry: false });
  if (stat === undefined) return null;
  if (stat.isFile()) return memo.hashOf(target, hasher, stat);
  if (stat.isSymbolicLink()) return linkHash(readlinkSync(target), hasher);
  return stat.isDirectory() && file.folder === true ? folderHash(hasher) : IN_THE_WAY;
}

/**
 * The first of the entry's paths that would put a file outside both the step's folder and `root` (the run's folder),
 * or below a link the entry itself makes (a write through it lands wherever it points); null when all stay inside.
 * This store never writes such an entry (CachingExecutor stores no result with an output firstOutside names, and
 * what is under a link is folded into the link), but a cache on shared storage can be written by others: an entry
 * naming `../../.ssh/authorized_keys` must not be restored there.
 */
function outsideRoot(entry: CacheEntry, dir: string, root: string): string | null {
  const outside = firstOutside(entry.files.map((file) => file.path), dir, root);
  if (outside !== null) return outside;
  let links: string[] | null = null;
  for (const file of entry.files) if (file.link !== undefined) (links ??= []).push(`${under(dir, file.path)}${sep}`);
  if (links === null) return null;
  for (const file of entry.files) {
    const target = under(dir, file.path);
    if (links.some((link) => target.startsWith(link))) return file.path;
  }
  return null;
}

/**
 * The first path (relative to the step's folder `dir`, or absolute) that lies outside both `dir` and `root` (the run's
 * folder); null when none does. A restore never writes there, so a result with such an output is never stored.
 */
export function firstOutside(paths: readonly string[], dir: string, root: string): string | null {
  const folders = [dir, resolve(root)].map((folder) => (folder.endsWith(sep) ? folder : `${folder}${sep}`));
  for (const path of paths) {
    // An absolute path resolves to itself: outside too, unless it names a place inside.
    const target = under(dir, path);
    if (!folders.some((folder) => target.startsWith(folder))) return path;
  }
  return null;
}

function notOurs(path: string): CacheMiss {
  return { summary: `the stored result names ${path}, outside the run's folder: not restored`, changes: [{ kind: 'outputs', name: path, detail: 'not restored: outside the run\'s folder (or below a stored link)' }] };
}

function notRestored(path: string, error: unknown): CacheMiss {
  return { summary: `output ${path} could not be restored`, changes: [{ kind: 'outputs', name: path, detail: `not restored: ${(error as Error).message}` }] };
}

function notChecked(path: string, error: unknown): CacheMiss {
  const why = (error as NodeJS.ErrnoException).code === 'ENOTDIR' ? 'a file stands where a folder on its path should be' : (error as Error).message;
  return { summary: `output ${path} could not be checked: ${why}`, changes: [{ kind: 'outputs', name: path, detail: `not restored: ${why}` }] };
}

/** A folder where an output file or link was (or a socket, a device): never a stored output's hash, so never replaced. */
const IN_THE_WAY = 'in the way';

function changedSince(path: string): CacheMiss {
  return { summary: `output ${path} changed since it was stored`, changes: [{ kind: 'outputs', name: path, detail: 'output differs from the cache (changed since)' }] };
}

/** A miss because a blob the entry names is no longer stored (evicted, cleared). */
export function storedCopyGone(path: string): CacheMiss {
  return { summary: `the stored copy of ${path} is gone (evicted)`, changes: [{ kind: 'outputs', name: path, detail: 'stored copy gone (evicted or cleared)' }] };
}
