// Starts one step's command, the one way both the process host and the in-process fallback do: in its own process
// group, output straight to the step's log, and once it ends its group killed and the rest of its tree swept.
import type { ChildProcess } from 'node:child_process';
import { PROCESS_TAG, processesSince, type LeftoverSweeper, type TreeRoot } from './process-tree.js';
import { childProcess } from './child-process.js';

const IS_WINDOWS = process.platform === 'win32';

export interface CommandSpec {
  /** The program and its arguments, or the command line for a shell when `shell` is set. */
  file: string;
  args: string[];
  shell: boolean | string;
  cwd: string;
  /** The whole environment; its PROCESS_TAG finds the descendants that leave the group. */
  env: NodeJS.ProcessEnv;
}

export interface ProcessExit {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** Why the process could not start (no such command), if it could not. */
  startError?: string;
}

export interface StartedCommand {
  /** Null when it could not start. */
  pid: number | null;
  /** Its tree, as a kill or a sweep finds it. */
  root: TreeRoot;
  exit: Promise<ProcessExit>;
}

/** Starts the command with stdout and stderr on `fd` (the caller closes it once this returns). Never throws. */
export function spawnCommand(command: CommandSpec, fd: number, sweeper: LeftoverSweeper): StartedCommand {
  const tag = command.env[PROCESS_TAG];
  const root: TreeRoot = { pid: -1, since: processesSince(), ...(tag !== undefined ? { tag } : {}) };
  const options = { cwd: command.cwd, env: command.env, stdio: ['ignore', fd, fd] as ['ignore', number, number], detached: !IS_WINDOWS, windowsHide: true };
  let child: ChildProcess;
  try {
    const { spawn } = childProcess();
    child = command.shell === false ? spawn(command.file, command.args, options) : spawn(command.file, { ...options, shell: command.shell });
  } catch (error) {
    return { pid: null, root, exit: Promise.resolve({ exitCode: 127, signal: null, startError: (error as Error).message }) };
  }
  root.pid = child.pid ?? -1;
  const exit = new Promise<ProcessExit>((resolve) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      resolve({ exitCode: 127, signal: null, startError: error.code === 'ENOENT' ? `command not found: ${command.file}` : error.message });
    });
    child.once('exit', (exitCode, signal) => {
      // Background children of the step must not outlive it: its group now, the rest of its tree a moment later.
      if (!IS_WINDOWS && child.pid !== undefined) {
        killGroup(child.pid);
        sweeper.add(root);
      }
      resolve({ exitCode, signal });
    });
  });
  return { pid: child.pid ?? null, root, exit };
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
