// The environment a shell step's process sees: the project's own tools first on PATH (as `npm run` does), colour forced.
import { existsSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

const BIN = process.platform === 'win32' ? 'Scripts' : 'bin';

/**
 * `env` is what the step was given (the process's, the workflow's, the session's, the step's own). PATH gets every
 * `node_modules/.bin` from the step's folder up, nearest first, and a Python venv's bin (the active `VIRTUAL_ENV`,
 * else the nearest `.venv`), unless PATH was set explicitly (it differs from this process's, or the step sets it) or
 * `CODOMYRMEX_LOCAL_BIN=0`. Looked up at each step's start: an install step earlier in the run may have just made them.
 * Colour is forced (`FORCE_COLOR=1`, `CLICOLOR_FORCE=1`) unless the env says otherwise (`FORCE_COLOR=0`, `NO_COLOR`).
 */
export function stepEnvironment(env: Record<string, string>, cwd: string, stepSetsPath: boolean): Record<string, string> {
  const result = { ...env };
  const pathKey = Object.keys(env).find((key) => key.toUpperCase() === 'PATH') ?? 'PATH';
  const explicitPath = stepSetsPath || env[pathKey] !== process.env[pathKey];
  if (!explicitPath && !isOff(env.CODOMYRMEX_LOCAL_BIN)) {
    const { bins, venv } = localBins(cwd, env.VIRTUAL_ENV);
    if (bins.length > 0) result[pathKey] = [...bins, ...(env[pathKey] ? [env[pathKey]] : [])].join(delimiter);
    if (venv !== null && env.VIRTUAL_ENV === undefined) result.VIRTUAL_ENV = venv;
  }
  if (env.NO_COLOR === undefined && !isOff(env.FORCE_COLOR)) {
    result.FORCE_COLOR ??= '1';
    result.CLICOLOR_FORCE ??= '1';
  }
  return result;
}

function localBins(cwd: string, activeVenv: string | undefined): { bins: string[]; venv: string | null } {
  const bins: string[] = [];
  let venv = activeVenv !== undefined && activeVenv !== '' ? activeVenv : null;
  for (let dir = cwd; ; dir = dirname(dir)) {
    const nodeBin = join(dir, 'node_modules', '.bin');
    if (existsSync(nodeBin)) bins.push(nodeBin);
    if (venv === null && existsSync(join(dir, '.venv', BIN))) venv = join(dir, '.venv');
    if (dirname(dir) === dir) break;
  }
  if (venv !== null) bins.unshift(join(venv, BIN));
  return { bins, venv };
}

function isOff(value: string | undefined): boolean {
  return value === '0' || value === 'false';
}
