// Starts a step's command as its own process group, with output straight to its log file, and kills the whole tree.
import { processHost } from './process-host-pool.js';
import { startHere } from './local-start.js';
import { endTree, newProcessTag, PROCESS_TAG, processesSince, type TreeRoot } from './process-tree.js';
import type { ProcessExit, StartedCommand } from './spawn-command.js';
import { childProcess } from './child-process.js';

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
  const here = (): StartedCommand => startHere({ file: file!, args, shell: useShell, cwd: options.cwd, env }, options.logFd());
  const host = processHost();
  // With no host up the command starts in this process, at once: it waits for the end of this turn, when the run's
  // record is written (behind, setImmediate), so that a run killed as its first commands start is still in the history.
  if (host !== null && host.ready === 0) {
    await new Promise((resolve) => setImmediate(resolve));
    if (signal.aborted) throw signal.reason;
  }
  const started: Started = host !== null ? host.run({ file: file!, args, shell: useShell, cwd: options.cwd, env, logPath: options.logPath }, here) : fromHere(here());
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

/** The fallback where no process host is built (or CODOMYRMEX_PROCESS_HOST=off): every command starts here. */
function fromHere(started: StartedCommand): Started {
  const pid = Promise.resolve(started.pid);
  return { pid: () => pid, exit: started.exit };
}

/**
 * Ends a process and its whole tree (see process-tree): SIGTERM to every member, then SIGKILL to what is still there
 * after a grace period; resolves once nothing of it is left.
 */
export async function killProcessTree(pid: number | undefined, graceMs = KILL_GRACE_MS, tree: Omit<TreeRoot, 'pid'> = {}): Promise<void> {
  if (pid === undefined) return;
  if (IS_WINDOWS) {
    childProcess().spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true });
    return;
  }
  await endTree({ pid, ...tree }, graceMs);
}
