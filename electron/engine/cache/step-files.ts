// A cached step's files: its inputs and outputs found by their globs (tinyglobby, `!` excluding), relative to the
// step's working directory and sorted, so the same tree always gives the same list.
import { existsSync, lstatSync, readdirSync, readlinkSync, realpathSync, statSync, type Stats } from 'node:fs';
import { isAbsolute, resolve, sep } from 'node:path';
import type Picomatch from 'picomatch';
import type { globSync as GlobSync, isDynamicPattern as IsDynamicPattern } from 'tinyglobby';
import type { StepCache } from '../../../shared/model.js';

const OPTIONS = { onlyFiles: true, dot: true, expandDirectories: true } as const;

/**
 * The file system the output globs walk: as node:fs, but a link pointing nowhere (or round in a loop) is taken for
 * the file it names (its own path, its own lstat), so the glob lists it where it would drop it, and it is stored as the
 * link it is. Inputs are read by content, so there such a link stays out.
 */
const OUTPUT_FS = {
  realpathSync: ((path: string) => {
    try {
      return realpathSync(path);
    } catch {
      return path;
    }
  }) as typeof realpathSync,
  statSync: ((path: string) => {
    try {
      return statSync(path);
    } catch {
      return lstatSync(path);
    }
  }) as typeof statSync,
};
/** Folders are listed too (ending in `/`): an empty one is an output of its own, made again on a restore. */
const OUTPUT_OPTIONS = { ...OPTIONS, onlyFiles: false, fs: OUTPUT_FS };

/**
 * The glob libraries, loaded when a step first names a glob or a folder: loading them (fdir also reads picomatch from
 * disk) cost every command's start, and steps naming plain files never need them.
 */
let globbing: { globSync: typeof GlobSync; isDynamicPattern: typeof IsDynamicPattern; picomatch: typeof Picomatch } | null = null;

/** Thrown by the file lookups below when they need the glob libraries before they were loaded (see withGlobbing). */
export class GlobbingNotLoaded extends Error {
  constructor() {
    super('the glob libraries are not loaded');
  }
}

export async function loadGlobbing(): Promise<void> {
  if (globbing !== null) return;
  const [{ globSync, isDynamicPattern }, { default: picomatch }] = await Promise.all([import('tinyglobby'), import('picomatch')]);
  globbing = { globSync, isDynamicPattern, picomatch };
}

/** Runs work that looks files up, loading the glob libraries and running it again if it turned out to need them. */
export async function withGlobbing<T>(work: () => T): Promise<T> {
  try {
    return work();
  } catch (error) {
    if (!(error instanceof GlobbingNotLoaded)) throw error;
    await loadGlobbing();
    return work();
  }
}

function glob(): NonNullable<typeof globbing> {
  if (globbing === null) throw new GlobbingNotLoaded();
  return globbing;
}

/** What `find` saw on the way: the stat of each plain file path (by absolute path), the plain paths not there. */
export interface Found {
  stats: Map<string, Stats>;
  missing: string[];
}

/**
 * The input files (relative paths, sorted): outputs are left out, so a step listing `**` as input still hits.
 * `found` gets the stats made on the way, so that hashing does not stat the same files again.
 */
export function inputFiles(dir: string, cache: StepCache, found?: Found): string[] {
  if (cache.inputs.length === 0) return [];
  const files = find(dir, cache.inputs, found);
  if (files.length === 0) return files;
  const isOutput = outputMatcher(cache.outputs);
  return sorted(files.filter((path) => !isOutput(path)));
}

/**
 * The outputs present now: paths (relative, sorted), the symlinks among them (path → its target), the empty folders
 * among them, and the plain paths not there.
 */
export interface OutputFiles {
  files: string[];
  links: Map<string, string>;
  folders: Set<string>;
  missing: string[];
}

/**
 * The output files present now. A symbolic link among them is kept as a link, not as a copy of what it points to:
 * restored as a file, `node_modules/.bin/tsc` (→ `../typescript/bin/tsc`) would look for its modules beside itself,
 * and a linked folder would be stored whole a second time. A folder link the patterns name themselves (`build/**`
 * where `build` is a link to a scratch disk) is followed, as the user asked for what is in it.
 */
export function outputFiles(dir: string, cache: StepCache): OutputFiles {
  const found: Found = { stats: new Map(), missing: [] };
  const links = new Map<string, string>();
  const folders = new Set<string>();
  if (cache.outputs.length === 0) return { files: [], links, folders, missing: [] };
  const files = emptyFoldersKept(withBareFolderLinks(dir, cache.outputs, find(dir, cache.outputs, found, OUTPUT_OPTIONS)), folders);
  // A plain path naming a link whose target is gone: the link itself is the output.
  const missing = found.missing.filter((path) => {
    const link = linkAt(under(dir, path));
    if (link === null) return true;
    files.push(asListed(path));
    return false;
  });
  const kept = foldLinks(dir, cache.outputs, files, links);
  // A folder found through a link is the link's now, not an empty folder of its own.
  if (folders.size > 0) {
    const paths = new Set(kept);
    for (const folder of folders) if (links.has(folder) || !paths.has(folder)) folders.delete(folder);
  }
  return { files: sorted(kept), links, folders, missing };
}

/**
 * The files a glob listed with the empty folders among its folders (`a/b/` with nothing listed under it), by their
 * paths without the `/`, which go in `folders`; folders that hold something listed are left out (made by the restore
 * of what is in them).
 */
function emptyFoldersKept(listed: readonly string[], folders: Set<string>): string[] {
  if (!listed.some((path) => path.endsWith('/'))) return [...listed];
  const holding = foldersHolding(listed);
  const kept: string[] = [];
  for (const path of listed) {
    if (!path.endsWith('/')) kept.push(path);
    else if (!holding.has(path.slice(0, -1))) {
      kept.push(path.slice(0, -1));
      folders.add(path.slice(0, -1));
    }
  }
  return kept;
}

/** Every folder (path without the `/`) that holds something in `listed`. */
function foldersHolding(listed: readonly string[]): Set<string> {
  const holding = new Set<string>();
  for (const path of listed) {
    const end = path.endsWith('/') ? path.length - 1 : path.length;
    for (let at = path.lastIndexOf('/', end - 1); at > 0; at = path.lastIndexOf('/', at - 1)) holding.add(path.slice(0, at));
  }
  return holding;
}

/**
 * `listed` with the links to folders in which the glob found nothing (a link to an empty folder). The glob lists what
 * it finds under a folder link, never the link itself, so such a link would be lost. Only the folders the patterns
 * start from and those the glob listed are read: a folder found through a link belongs to that link.
 */
function withBareFolderLinks(dir: string, patterns: readonly string[], listed: readonly string[]): readonly string[] {
  // Plain file paths are looked up one by one (find): no folder was walked.
  if (!patterns.some(notPlain) && !listed.some((path) => path.endsWith('/'))) return listed;
  const folders = new Set(patterns.filter((pattern) => !pattern.startsWith('!')).map((pattern) => baseOf(pattern).join('/')));
  for (const path of listed) if (path.endsWith('/')) folders.add(path.slice(0, -1));
  const holding = foldersHolding(listed);
  const isOutput = outputMatcher(patterns);
  let paths: Set<string> | undefined;
  const added: string[] = [];
  for (const folder of folders) {
    let entries;
    try {
      entries = readdirSync(folder === '' ? dir : under(dir, folder), { withFileTypes: true });
    } catch {
      continue; // not a folder, or gone
    }
    for (const entry of entries) {
      if (!entry.isSymbolicLink()) continue;
      const path = folder === '' ? entry.name : `${folder}/${entry.name}`;
      paths ??= new Set(listed);
      if (!holding.has(path) && !paths.has(path) && isOutput(path)) added.push(path);
    }
  }
  return added.length === 0 ? listed : [...listed, ...added];
}

/** A plain path as the globs list it: no leading `./`, no trailing `/`. */
const asListed = (path: string): string => path.replace(/^\.\//, '').replace(/\/+$/, '');

/** The target of the symbolic link at `path`; null when there is none (or no file at all). */
function linkAt(path: string): string | null {
  try {
    return lstatSync(path).isSymbolicLink() ? readlinkSync(path) : null;
  } catch {
    return null;
  }
}

/**
 * `files` with each symbolic link below the patterns' own folders in place of what the glob found through it (a file
 * link stays one path; the files under a folder link become that folder's path), its target put in `links`.
 */
function foldLinks(dir: string, patterns: readonly string[], files: readonly string[], links: Map<string, string>): string[] {
  const bases = patterns.filter((pattern) => !pattern.startsWith('!')).map(baseOf).map((parts) => ({ path: parts.join('/'), depth: parts.length }));
  const seen = new Map<string, string | null>();
  const linkOf = (path: string): string | null => {
    let link = seen.get(path);
    if (link === undefined) seen.set(path, (link = linkAt(under(dir, path))));
    return link;
  };
  const folded = new Set<string>();
  for (const file of files) {
    const parts = file.split('/');
    // The deepest folder a pattern names that holds the file: links above it are followed.
    let depth = 0;
    for (const base of bases) if (base.depth > depth && (file === base.path || file.startsWith(`${base.path}/`))) depth = base.depth;
    let kept = file;
    for (let at = Math.min(depth + 1, parts.length); at <= parts.length; at++) {
      const path = at === parts.length ? file : parts.slice(0, at).join('/');
      const link = linkOf(path);
      if (link === null) continue;
      links.set(path, link);
      kept = path;
      break;
    }
    folded.add(kept);
  }
  return [...folded];
}

/** The folder a pattern starts from, as path parts: a plain path is its own; a glob's is what precedes its first magic. */
function baseOf(pattern: string): string[] {
  const plain = asListed(pattern);
  const base = notPlain(plain) ? glob().picomatch.scan(plain).base : plain;
  return base === '' || base === '.' ? [] : base.split('/');
}

/**
 * The files the globs name. Plain file paths (the common case: `src/main.c`, `dist/app.js`) are looked up directly:
 * a glob crawls their folders, which for a step naming one file among thousands costs a thousand times more.
 */
function find(dir: string, patterns: readonly string[], found?: Found, options: typeof OPTIONS | typeof OUTPUT_OPTIONS = OPTIONS): string[] {
  if (patterns.some(notPlain)) {
    const plain = patterns.filter((pattern) => !notPlain(pattern));
    // A plain path beside globs is still checked for being there: a declared output no run wrote is never stored.
    if (found !== undefined) for (const pattern of plain) if (!existsSync(resolve(dir, pattern))) found.missing.push(pattern);
    return glob().globSync(patterns, { ...options, cwd: dir, ignore: vcsLeftOut(patterns) });
  }
  const files: string[] = [];
  for (let i = 0; i < patterns.length; i++) {
    const pattern = patterns[i]!;
    const absolute = under(dir, pattern);
    const stat = statSync(absolute, { throwIfNoEntry: false });
    if (stat === undefined) {
      found?.missing.push(pattern);
      continue;
    }
    if (stat.isDirectory()) files.push(...glob().globSync(pattern, { ...options, cwd: dir, ignore: vcsLeftOut(patterns) }));
    else if (stat.isFile()) {
      files.push(pattern.replace(/^\.\//, ''));
      found?.stats.set(absolute, stat);
    }
  }
  return files.length < 2 ? files : [...new Set(files)];
}

/**
 * Version control's own folders (and a worktree's `.git` file), which a glob or a folder never reaches unless a pattern
 * names them: as inputs, a commit or a fetch would change every key of `**`; as outputs, a restore would write into the
 * repository's history.
 */
const VCS = ['.git', '.hg', '.svn'];

function vcsLeftOut(patterns: readonly string[]): string[] {
  const left = VCS.filter((name) => !patterns.some((pattern) => pattern.includes(name)));
  if (left.length === 0) return [];
  // One alternation, not a pattern per name: each file found is tested against every ignore pattern's expression.
  const names = left.length === 1 ? left[0]! : `{${left.join(',')}}`;
  return [`**/${names}`, `**/${names}/**`];
}

const notPlain = (pattern: string): boolean => pattern.startsWith('!') || isGlob(pattern);

/** True for a path one of the output globs names (a bare folder name meaning everything under it, as tinyglobby reads it). */
function outputMatcher(outputs: readonly string[]): (path: string) => boolean {
  if (outputs.length === 0) return () => false;
  // Plain paths need no compiled matcher (compiling one per step cost more than the rest of a hit).
  if (!outputs.some(notPlain)) {
    const plain = outputs.map(asListed);
    return (path) => plain.some((output) => path === output || path.startsWith(`${output}/`));
  }
  const include = outputs.filter((pattern) => !pattern.startsWith('!')).flatMap((pattern) => [pattern, `${pattern.replace(/\/+$/, '')}/**`]);
  const exclude = outputs.filter((pattern) => pattern.startsWith('!')).map((pattern) => pattern.slice(1));
  if (include.length === 0) return () => false;
  const { picomatch } = glob();
  const included = picomatch(include, { dot: true });
  const excluded = exclude.length === 0 ? () => false : picomatch(exclude, { dot: true });
  return (path) => included(path) && !excluded(path);
}

/** A path of the form the globs give (`a/b.txt`: no `.` or `..` part, not absolute): joined without normalising. */
const PLAIN_RELATIVE = /^(?!\/)(?!\.\.?(?:\/|$))(?!.*\/\.\.?(?:\/|$))(?!.*\/\/)[^\\]*$/;

/** The folder a step works in: its `cwd` parameter (as given) under the run's folder, else the run's folder. */
export function stepFolder(cwd: unknown, runDir: string): string {
  if (typeof cwd !== 'string' || cwd === '') return runDir;
  return isAbsolute(cwd) ? cwd : resolve(runDir, cwd);
}

/** `resolve(dir, path)` for an absolute, normalised `dir`, without normalising the common plain path again. */
export function under(dir: string, path: string): string {
  return sep === '/' && path !== '' && !path.endsWith('/') && PLAIN_RELATIVE.test(path) ? `${dir === '/' ? '' : dir}/${path}` : resolve(dir, path);
}

/** No character a glob means something by: a plain path, told apart without asking the glob library (costly per step). */
const GLOB_CHARACTERS = /[*?[\]{}()!+@\\]/;

/** A pattern that is not a plain path (`!`-negated ones are checked before). */
function isGlob(pattern: string): boolean {
  return GLOB_CHARACTERS.test(pattern) && glob().isDynamicPattern(pattern);
}

function sorted(paths: string[]): string[] {
  return paths.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
