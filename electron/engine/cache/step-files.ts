// A cached step's files: its inputs and outputs found by their globs (tinyglobby, `!` excluding), relative to the
// step's working directory and sorted, so the same tree always gives the same list.
import picomatch from 'picomatch';
import { globSync } from 'tinyglobby';
import type { StepCache } from '../../../shared/model.js';

const OPTIONS = { onlyFiles: true, dot: true, expandDirectories: true } as const;

/** The input files (relative paths, sorted): outputs are left out, so a step listing `**` as input still hits. */
export function inputFiles(dir: string, cache: StepCache): string[] {
  if (cache.inputs.length === 0) return [];
  const isOutput = outputMatcher(cache.outputs);
  return sorted(globSync(cache.inputs, { ...OPTIONS, cwd: dir }).filter((path) => !isOutput(path)));
}

/** The output files present now (relative paths, sorted). */
export function outputFiles(dir: string, cache: StepCache): string[] {
  if (cache.outputs.length === 0) return [];
  return sorted(globSync(cache.outputs, { ...OPTIONS, cwd: dir }));
}

/** True for a path one of the output globs names (a bare folder name meaning everything under it, as tinyglobby reads it). */
function outputMatcher(outputs: readonly string[]): (path: string) => boolean {
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
