// A cached step's files: its inputs and outputs found by their globs (tinyglobby, `!` excluding), relative to the
// step's working directory and sorted, so the same tree always gives the same list.
import { existsSync, statSync, type Stats } from 'node:fs';
import { resolve, sep } from 'node:path';
import type Picomatch from 'picomatch';
import type { globSync as GlobSync, isDynamicPattern as IsDynamicPattern } from 'tinyglobby';
import type { StepCache } from '../../../shared/model.js';

const OPTIONS = { onlyFiles: true, dot: true, expandDirectories: true } as const;

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

/** The output files present now (relative paths, sorted), and the plain paths among the outputs that are not there. */
export function outputFiles(dir: string, cache: StepCache): { files: string[]; missing: string[] } {
  const found: Found = { stats: new Map(), missing: [] };
  if (cache.outputs.length === 0) return { files: [], missing: [] };
  return { files: sorted(find(dir, cache.outputs, found)), missing: found.missing };
}

/**
 * The files the globs name. Plain file paths (the common case: `src/main.c`, `dist/app.js`) are looked up directly:
 * a glob crawls their folders, which for a step naming one file among thousands costs a thousand times more.
 */
function find(dir: string, patterns: readonly string[], found?: Found): string[] {
  if (patterns.some(notPlain)) {
    const plain = patterns.filter((pattern) => !notPlain(pattern));
    // A plain path beside globs is still checked for being there: a declared output no run wrote is never stored.
    if (found !== undefined) for (const pattern of plain) if (!existsSync(resolve(dir, pattern))) found.missing.push(pattern);
    return glob().globSync(patterns, { ...OPTIONS, cwd: dir });
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
    if (stat.isDirectory()) files.push(...glob().globSync(pattern, { ...OPTIONS, cwd: dir }));
    else if (stat.isFile()) {
      files.push(pattern.replace(/^\.\//, ''));
      found?.stats.set(absolute, stat);
    }
  }
  return files.length < 2 ? files : [...new Set(files)];
}

const notPlain = (pattern: string): boolean => pattern.startsWith('!') || isGlob(pattern);

/** True for a path one of the output globs names (a bare folder name meaning everything under it, as tinyglobby reads it). */
function outputMatcher(outputs: readonly string[]): (path: string) => boolean {
  if (outputs.length === 0) return () => false;
  // Plain paths need no compiled matcher (compiling one per step cost more than the rest of a hit).
  if (!outputs.some(notPlain)) {
    const plain = outputs.map((pattern) => pattern.replace(/^\.\//, '').replace(/\/+$/, ''));
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
