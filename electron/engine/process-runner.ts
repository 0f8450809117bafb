// Starts a step's command as its own process group, with output straight to its log file, and kills the whole tree.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import pidtree from 'pidtree';

const IS_WINDOWS = process.platform === 'win32';
/** Characters that only a shell understands; a command without them runs directly, as make does. */
const SHELL_SYNTAX = /[|&;<>()$`\\"'*?[\]#~{}!\n\r%^]/;
const KILL_GRACE_MS = 2_000;

export interface ProcessOptions {
  command: string;
  cwd: string;
  env: Record<string, string>;
  /** An open file descriptor that receives stdout and stderr, interleaved as a terminal shows them. */
  outputFd: number | 'ignore';
  signal: AbortSignal;
  /** Force a shell (true), a particular one (its path), or let the command decide (undefined). */
  shell?: boolean | string;
}

export interface ProcessExit {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** Why the process could not start (no such command), if it could not. */
  startError?: string;
}

/** Words a shell understands itself, with no program of that name to run (make keeps a list like this too). */
const SHELL_WORDS = new Set([
  '.', ':', 'alias', 'bg', 'break', 'case', 'cd', 'command', 'continue', 'eval', 'exec', 'exit', 'export', 'fg', 'for',
  'function', 'getopts', 'hash', 'if', 'jobs', 'read', 'readonly', 'return', 'select', 'set', 'shift', 'source', 'times',
  'trap', 'type', 'ulimit', 'umask', 'unalias', 'unset', 'until', 'wait', 'while',
]);

/** True when the command needs a shell to mean what it says. */
export function needsShell(command: string): boolean {
  if (SHELL_SYNTAX.test(command)) return true;
  const first = command.trim().split(/\s+/, 1)[0] ?? '';
  return first.includes('=') || SHELL_WORDS.has(first);
}

export function runProcess(options: ProcessOptions): Promise<ProcessExit> {
  const { command, signal } = options;
  if (signal.aborted) return Promise.reject(signal.reason);
  const child = startChild(options);
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (exit: ProcessExit): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      if (signal.aborted) reject(signal.reason);
      else resolve(exit);
    };
    const onAbort = (): void => {
      void killProcessTree(child.pid);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    child.once('error', (error: NodeJS.ErrnoException) => {
      const startError = error.code === 'ENOENT' ? `command not found: ${command.trim().split(/\s+/)[0]}` : error.message;
      finish({ exitCode: 127, signal: null, startError });
    });
    child.once('exit', (exitCode, exitSignal) => {
      // Background children of the step must not outlive it: end its process group.
      if (!IS_WINDOWS && child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // The group is already gone: the usual case.
        }
      }
      if (signal.aborted) setTimeout(() => finish({ exitCode, signal: exitSignal }), 0);
      else finish({ exitCode, signal: exitSignal });
    });
  });
}

function startChild(options: ProcessOptions): ChildProcess {
  const { command, cwd, env, outputFd } = options;
  const stdio: ['ignore', number | 'ignore', number | 'ignore'] = ['ignore', outputFd, outputFd];
  const useShell = options.shell ?? (IS_WINDOWS || needsShell(command));
  if (useShell !== false) {
    const shell = typeof useShell === 'string' ? useShell : true;
    return spawn(command, { cwd, env, stdio, shell, detached: !IS_WINDOWS, windowsHide: true });
  }
  const [file, ...args] = command.trim().split(/\s+/);
  return spawn(file!, args, { cwd, env, stdio, detached: true });
}

/**
 * Ends a process and every descendant: SIGTERM to its group and to each descendant that left the group,
 * then SIGKILL to what is still there after a grace period.
 */
export async function killProcessTree(pid: number | undefined, graceMs = KILL_GRACE_MS): Promise<void> {
  if (pid === undefined) return;
  if (IS_WINDOWS) {
    spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true });
    return;
  }
  const descendants = await pidtree(pid).catch(() => [] as number[]);
  const targets = [-pid, pid, ...descendants];
  signalAll(targets, 'SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, Math.min(graceMs, 50)));
  const pids = [pid, ...descendants];
  if (!pids.some(isAlive)) return;
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, graceMs - 50)));
  signalAll(targets, 'SIGKILL');
}

function signalAll(pids: readonly number[], signal: NodeJS.Signals): void {
  for (const target of pids) {
    try {
      process.kill(target, signal);
    } catch {
      // Already gone.
    }
  }
}

/** True while the process exists and has not exited; a zombie waiting to be reaped counts as gone. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat[stat.lastIndexOf(')') + 2] !== 'Z';
  } catch {
    return process.platform !== 'linux';
  }
}
