// Starts a step's command as its own process group, with output straight to its log file, and kills the whole tree.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { processHost } from './process-host-pool.js';
import { endTree, LeftoverSweeper, newProcessTag, PROCESS_TAG, processesSince, type TreeRoot } from './process-tree.js';

const IS_WINDOWS = process.platform === 'win32';
/** Characters that only a shell understands; a command without them runs directly, as make does. */
const SHELL_SYNTAX = /[|&;<>()$`\\"'*?[\]#~{}!\n\r%^]/;
const KILL_GRACE_MS = 2_000;

export interface ProcessOptions {
  command: string;
  cwd: string;
  env: Record<string, string>;
  /** The step's log file: stdout and stderr go there, interleaved as a terminal shows them. */
  logPath: string;
  /** The same file, opened here, for when the command starts in this process. */
  logFd: () => number;
  signal: AbortSignal;
  /** Force a shell (true), a particular one (its path), or let the command decide (undefined). */
  shell?: boolean | string;
  /** Called once the process started, with its pid; returns what to call when it ends. */
  onStart?: (pid: () => Promise<number | null>) => () => void;
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

interface Started {
  pid(): Promise<number | null>;
  exit: Promise<ProcessExit>;
}

/**
 * Runs a command to its end; on abort its whole process tree is killed and, once none of it is left, the promise
 * rejects with the reason. The tag in its environment finds the descendants that left its group and session.
 */
export async function runProcess(options: ProcessOptions): Promise<ProcessExit> {
  const { signal } = options;
  if (signal.aborted) throw signal.reason;
  const useShell = options.shell ?? (IS_WINDOWS || needsShell(options.command));
  const [file, ...args] = useShell === false ? options.command.trim().split(/\s+/) : [options.command];
  const tag = newProcessTag();
  const since = processesSince();
  const env = { ...options.env, [PROCESS_TAG]: tag };
  const host = processHost();
  const started: Started = host !== null
    ? host.run({ file: file!, args, shell: useShell, cwd: options.cwd, env, logPath: options.logPath })
    : startHere(file!, args, useShell, { ...options, env }, { tag, since });
  let killed: Promise<void> | undefined;
  const onAbort = (): void => void (killed = started.pid().then((pid) => killProcessTree(pid ?? undefined, KILL_GRACE_MS, { tag, since })));
  signal.addEventListener('abort', onAbort, { once: true });
  const ended = options.onStart?.(() => started.pid());
  try {
    const exit = await started.exit;
    if (signal.aborted) {
      await killed;
      throw signal.reason;
    }
    return exit;
  } finally {
    ended?.();
    signal.removeEventListener('abort', onAbort);
  }
}

const sweeper = new LeftoverSweeper();

/** The fallback where no process host runs: the same, from this process. */
function startHere(file: string, args: string[], shell: boolean | string, options: ProcessOptions, tree: Omit<TreeRoot, 'pid'>): Started {
  const fd = options.logFd();
  const spawnOptions = { cwd: options.cwd, env: options.env, stdio: ['ignore', fd, fd] as ['ignore', number, number], detached: !IS_WINDOWS, windowsHide: true };
  const child: ChildProcess = shell === false ? spawn(file, args, spawnOptions) : spawn(file, { ...spawnOptions, shell });
  const exit = new Promise<ProcessExit>((resolve) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      resolve({ exitCode: 127, signal: null, startError: error.code === 'ENOENT' ? `command not found: ${file}` : error.message });
    });
    child.once('exit', (exitCode, exitSignal) => {
      // Background children of the step must not outlive it: its group now, the rest of its tree a moment later.
      if (!IS_WINDOWS && child.pid !== undefined) {
        signalAll([-child.pid], 'SIGKILL');
        sweeper.add({ pid: child.pid, ...tree });
      }
      resolve({ exitCode, signal: exitSignal });
    });
  });
  const pid = Promise.resolve(child.pid ?? null);
  return { pid: () => pid, exit };
}

/**
 * Ends a process and its whole tree (see process-tree): SIGTERM to every member, then SIGKILL to what is still there
 * after a grace period; resolves once nothing of it is left.
 */
export async function killProcessTree(pid: number | undefined, graceMs = KILL_GRACE_MS, tree: Omit<TreeRoot, 'pid'> = {}): Promise<void> {
  if (pid === undefined) return;
  if (IS_WINDOWS) {
    spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true });
    return;
  }
  await endTree({ pid, ...tree }, graceMs);
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
