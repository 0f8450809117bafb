// The process host: a small separate process that starts the steps' commands for the engine. Forking costs time in
// proportion to the forking process's memory, so a lean process forks faster than the engine (or Electron) could.
// It imports nothing but Node. When the engine goes away, it ends every process tree it started; it leads its own
// process group, so a terminal's Ctrl-C to the engine's group does not kill it before it could.
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { restoreStepEnv } from './host-step-env.js';
import { killTreesNow, LeftoverSweeper, type TreeRoot } from './process-tree.js';
import { spawnCommand } from './spawn-command.js';

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
  | { t: 'pid'; id: number }
  /** A command the engine started itself (no host was up yet): ended with this host's own if the engine dies first. */
  | { t: 'adopt'; id: number; root: TreeRoot }
  /** That command has ended: the engine sweeps what it left. */
  | { t: 'release'; id: number };

export type HostReply =
  /** Sent once, when the host can start commands: until then the pool sends them to hosts already up. */
  | { t: 'ready' }
  | { t: 'pid'; id: number; pid: number }
  | { t: 'exit'; id: number; code: number | null; signal: NodeJS.Signals | null; startError?: string };

/**
 * What one message carries either way: a request or reply, or (when a turn of the event loop had several) all of
 * them in order — the starts of every step a scheduler pass readied, the exits of every child reaped at once.
 */
export type HostMessage<T> = T | T[];

const IS_WINDOWS = process.platform === 'win32';
/** A signalled host waits this long for its engine to cancel the steps before it ends their trees itself. */
const SIGNAL_GRACE_MS = 3_000;
const running = new Map<number, { pid: number; root: TreeRoot }>();
const sweeper = new LeftoverSweeper();

let outbox: HostReply[] = [];

/** Replies go out once per turn of the event loop, together: children reaped at once cost the engine one message. */
function send(reply: HostReply): void {
  outbox.push(reply);
  if (outbox.length === 1) setImmediate(sendOutbox);
}

function sendOutbox(): void {
  const replies = outbox;
  outbox = [];
  // The engine may already be gone (a run that failed validation ends before its host is up): then say nothing. The
  // channel can also close between the check and the write; the callback takes that EPIPE instead of an 'error' event
  // that would kill the host with a stack trace on the engine's stderr (the disconnect handler ends the host).
  const message: HostMessage<HostReply> = replies.length === 1 ? replies[0]! : replies;
  if (process.connected) process.send?.(message, (error: Error | null) => void error);
}

/**
 * Taken once: reading process.env goes through a getter per variable, too slow to repeat for every command. What the
 * engine left out of this host's own start-up (process-host-client.ts, hostEnvironment) goes back to the commands.
 */
const baseEnv: NodeJS.ProcessEnv = restoreStepEnv({ ...process.env });

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
  const started = spawnCommand({ ...request, env: environment(request.env) }, fd, sweeper);
  closeSync(fd);
  if (started.pid !== null) running.set(request.id, { pid: started.pid, root: started.root });
  void started.exit.then(({ exitCode, signal, startError }) => {
    running.delete(request.id);
    send({ t: 'exit', id: request.id, code: exitCode, signal, ...(startError !== undefined ? { startError } : {}) });
  });
}

function handle(request: HostRequest): void {
  if (request.t === 'spawn') {
    start(request);
    return;
  }
  if (request.t === 'adopt') {
    running.set(request.id, { pid: request.root.pid, root: request.root });
    return;
  }
  if (request.t === 'release') {
    running.delete(request.id);
    return;
  }
  // Nothing is sent for a command that has already ended: its exit reply is on its way and answers the question.
  const pid = running.get(request.id)?.pid;
  if (pid !== undefined) send({ t: 'pid', id: request.id, pid });
}

process.on('message', (message: HostMessage<HostRequest>) => {
  if (Array.isArray(message)) for (const request of message) handle(request);
  else handle(message);
});

send({ t: 'ready' });

/** Ends every tree this host started, those still running and those whose leftovers await their pass, and leaves. */
function endAll(code: number): never {
  const roots = [...[...running.values()].map((entry) => entry.root), ...sweeper.take()];
  if (IS_WINDOWS) for (const { root } of running.values()) spawn('taskkill', ['/pid', String(root.pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true });
  else killTreesNow(roots);
  process.exit(code);
}

// The engine is gone (exited, or killed outright): nothing it started may keep running.
process.on('disconnect', () => endAll(0));
// It may have gone before this host was up.
if (!process.connected) endAll(0);

// Signalled directly (the host is out of the terminal's group, but a service manager may signal every process): the
// engine, signalled too, cancels its runs and records them; without an engine that does, the host ends them itself.
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
  process.on(signal, () => {
    if (!process.connected) endAll(code);
    setTimeout(() => endAll(code), SIGNAL_GRACE_MS);
  });
}
