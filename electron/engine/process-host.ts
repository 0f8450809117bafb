// The process host: a small separate process that starts the steps' commands for the engine. Forking costs time in
// proportion to the forking process's memory, so a lean process forks faster than the engine (or Electron) could.
// It imports nothing but Node. When the engine goes away, it ends every process tree it started.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';

export type HostRequest =
  | {
      t: 'spawn';
      id: number;
      /** The program and its arguments, or the command line for a shell when `shell` is set. */
      file: string;
      args: string[];
      shell: boolean | string;
      cwd: string;
      /** Changes to the host's environment: a value sets, null removes. */
      env: Record<string, string | null>;
      logPath: string;
    }
  /** Asks for a running command's pid (to kill its tree); only a cancel or a timeout needs it, so it is not sent unasked. */
  | { t: 'pid'; id: number };

export type HostReply =
  /** Sent once, when the host can start commands: until then the pool sends them to hosts already up. */
  | { t: 'ready' }
  | { t: 'pid'; id: number; pid: number }
  | { t: 'exit'; id: number; code: number | null; signal: NodeJS.Signals | null; startError?: string };

const IS_WINDOWS = process.platform === 'win32';
const running = new Map<number, ChildProcess>();

function send(reply: HostReply): void {
  // The engine may already be gone (a run that failed validation ends before its host is up): then say nothing. The
  // channel can also close between the check and the write; the callback takes that EPIPE instead of an 'error' event
  // that would kill the host with a stack trace on the engine's stderr (the disconnect handler ends the host).
  if (process.connected) process.send?.(reply, (error: Error | null) => void error);
}

/** Taken once: reading process.env goes through a getter per variable, too slow to repeat for every command. */
const baseEnv: NodeJS.ProcessEnv = { ...process.env };

function environment(changes: Record<string, string | null>): NodeJS.ProcessEnv {
  const env = { ...baseEnv };
  for (const key in changes) {
    const value = changes[key];
    if (value === null || value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

function start(request: Extract<HostRequest, { t: 'spawn' }>): void {
  let fd: number;
  try {
    fd = openSync(request.logPath, 'a');
  } catch (error) {
    send({ t: 'exit', id: request.id, code: 127, signal: null, startError: `cannot open the step's log ${request.logPath}: ${(error as Error).message}` });
    return;
  }
  const options = { cwd: request.cwd, env: environment(request.env), stdio: ['ignore', fd, fd] as ['ignore', number, number], detached: !IS_WINDOWS, windowsHide: true };
  let child: ChildProcess;
  try {
    child = request.shell === false ? spawn(request.file, request.args, options) : spawn(request.file, { ...options, shell: request.shell });
  } catch (error) {
    closeSync(fd);
    send({ t: 'exit', id: request.id, code: 127, signal: null, startError: (error as Error).message });
    return;
  }
  closeSync(fd);
  child.once('error', (error: NodeJS.ErrnoException) => {
    const startError = error.code === 'ENOENT' ? `command not found: ${request.file}` : error.message;
    send({ t: 'exit', id: request.id, code: 127, signal: null, startError });
  });
  child.once('exit', (code, signal) => {
    running.delete(request.id);
    // Background children of the step must not outlive it: end its process group.
    if (!IS_WINDOWS && child.pid !== undefined) killGroup(child.pid, 'SIGKILL');
    send({ t: 'exit', id: request.id, code, signal });
  });
  if (child.pid !== undefined) running.set(request.id, child);
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

process.on('message', (request: HostRequest) => {
  if (request.t === 'spawn') {
    start(request);
    return;
  }
  // Nothing is sent for a command that has already ended: its exit reply is on its way and answers the question.
  const pid = running.get(request.id)?.pid;
  if (pid !== undefined) send({ t: 'pid', id: request.id, pid });
});

send({ t: 'ready' });

// The engine is gone (exited or crashed): nothing it started may keep running.
process.on('disconnect', () => {
  for (const child of running.values()) if (child.pid !== undefined) killGroup(child.pid, 'SIGKILL');
  process.exit(0);
});
