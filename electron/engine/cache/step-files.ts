// A cached step's files: its inputs and outputs found by their globs (tinyglobby, `!` excluding), relative to the
// step's working directory and sorted, so the same tree always gives the same list.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import picomatch from 'picomatch';
import { globSync, isDynamicPattern } from 'tinyglobby';
import type { StepCache } from '../../../shared/model.js';

const OPTIONS = { onlyFiles: true, dot: true, expandDirectories: true } as const;

/** The input files (relative paths, sorted): outputs are left out, so a step listing `**` as input still hits. */
export function inputFiles(dir: string, cache: StepCache): string[] {
  if (cache.inputs.length === 0) return [];
  const isOutput = outputMatcher(cache.outputs);
  return sorted(find(dir, cache.inputs).filter((path) => !isOutput(path)));
}

/** The output files present now (relative paths, sorted). */
export function outputFiles(dir: string, cache: StepCache): string[] {
  if (cache.outputs.length === 0) return [];
  return sorted(find(dir, cache.outputs));
}

/**
 * The files the globs name. Plain file paths (the common case: `src/main.c`, `dist/app.js`) are looked up directly:
 * a glob crawls their folders, which for a step naming one file among thousands costs a thousand times more.
 */
function find(dir: string, globs: readonly string[]): string[] {
  if (globs.some((glob) => glob.startsWith('!') || isDynamicPattern(glob))) return globSync(globs, { ...OPTIONS, cwd: dir });
  const files: string[] = [];
  for (const glob of globs) {
    const stat = statSync(resolve(dir, glob), { throwIfNoEntry: false });
    if (stat === undefined) continue;
    if (stat.isDirectory()) files.push(...globSync(glob, { ...OPTIONS, cwd: dir }));
    else if (stat.isFile()) files.push(glob.replace(/^\.\//, ''));
  }
  return [...new Set(files)];
}

/** True for a path one of the output globs names (a bare folder name meaning everything under it, as tinyglobby reads it). */
function outputMatcher(outputs: readonly string[]): (path: string) => boolean {
  if (outputs.length === 0) return () => false;
  // Plain paths need no compiled matcher (compiling one per step cost more than the rest of a hit).
  if (!outputs.some((glob) => glob.startsWith('!') || isDynamicPattern(glob))) {
    const plain = outputs.map((glob) => glob.replace(/^\.\//, '').replace(/\/+$/, ''));
    return (path) => plain.some((output) => path === output || path.startsWith(`${output}/`));
  }
  const include = outputs.filter((glob) => !glob.startsWith('!')).flatMap((glob) => [glob, `${glob.replace(/\/+$/, '')}/**`]);
  const exclude = outputs.filter((glob) => glob.startsWith('!')).map((glob) => glob.slice(1));
  if (include.length === 0) return () => false;
  const included = picomatch(include, { dot: true });
  const excluded = exclude.length === 0 ? () => false : picomatch(exclude, { dot: true });
  return (path) => included(path) && !excluded(path);
}

function sorted(paths: string[]): string[] {
  return paths.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
