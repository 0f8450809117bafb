// Runs the built `codomyrmex` command as a real process.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const BIN = join(import.meta.dirname, '..', 'bin', 'codomyrmex.js');

/** Runs the command to its end; with `timeoutMs`, one that takes longer is killed and reported with code null. */
export function cli(args: string[], home: string, cwd?: string, env: Record<string, string> = {}, timeoutMs?: number) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, ...env, CODOMYRMEX_HOME: home }, encoding: 'utf8', ...(timeoutMs !== undefined ? { timeout: timeoutMs, killSignal: 'SIGKILL' as const } : {}) });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function cliProcess(args: string[], home: string): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { env: { ...process.env, CODOMYRMEX_HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] });
}
