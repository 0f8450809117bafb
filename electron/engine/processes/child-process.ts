// node:child_process, loaded on first use. Loading it (with node:net and the stream machinery under it) is 3–6 ms of a
// CLI's cold start; a run that starts no process (every step cached, control steps only) and the commands that start
// none (list, validate, --version) never pay it.
import type * as ChildProcessModuleType from 'node:child_process';
import { createRequire } from 'node:module';

type ChildProcessModule = typeof ChildProcessModuleType;

let loaded: ChildProcessModule | undefined;

export function childProcess(): ChildProcessModule {
  // process.getBuiltinModule is Node ≥ 20.16 (and every Electron we ship); a require made anywhere finds a built-in.
  return (loaded ??= (process.getBuiltinModule?.('node:child_process') ?? createRequire(process.execPath)('node:child_process')) as ChildProcessModule);
}
