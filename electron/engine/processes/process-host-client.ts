// The engine's side of one process host: starts it, sends it commands, hears their exits.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hostEnvironment } from './host-step-env.js';
import type { HostMessage, HostReply, HostRequest } from './process-host.js';
import type { TreeRoot } from './process-tree.js';
import type { ProcessExit } from './spawn-command.js';
import { childProcess } from './child-process.js';

/** A command's tree the host keeps (see ProcessHostClient.adopt). */
export interface Adoption {
  /** The command has started, as this pid. */
  started(pid: number): void;
  /** The command has ended: its tree is this process's to end again. */
  release(): void;
}

export interface HostRun {
  /** Asks the host for the pid (null once the process has ended); only killing a tree needs it. */
  pid(): Promise<number | null>;
  exit: Promise<ProcessExit>;
}

interface Pending {
  pidWaiters: ((pid: number | null) => void)[];
  resolveExit(exit: ProcessExit): void;
}

/**
 * The part of a started host the client uses: Node's ChildProcess has exactly this shape; Electron's main passes a
 * launcher that adapts a utility process to it (child_process.fork needs ELECTRON_RUN_AS_NODE, a fuse the app turns off).
 */
export interface HostProcess {
  /** True until the channel is closed (by either side) or the host has exited. */
  readonly connected: boolean;
  /** The callback hears whether the request left (an error once the host is gone). */
  send(request: HostMessage<HostRequest>, callback?: (error: Error | null) => void): boolean;
  on(event: 'message', listener: (reply: HostMessage<HostReply>) => void): unknown;
  on(event: 'exit' | 'error', listener: () => void): unknown;
  once(event: 'exit' | 'error', listener: () => void): unknown;
  /** Closes the channel: the host then ends every process tree it started and exits. */
  disconnect(): void;
  /** Ends a host still starting up, with nothing to end yet: its start-up is not waited for (where the launcher can). */
  kill?(signal: NodeJS.Signals): boolean;
  /** Whether the host keeps the engine's event loop alive: only while commands run. */
  ref(): void;
  unref(): void;
  readonly channel?: { ref?(): void; unref?(): void } | null;
}

/** Starts the host script with the environment commands inherit. */
export type HostLauncher = (script: string, env: NodeJS.ProcessEnv) => HostProcess;

/**
 * The CLI's, serve's and MCP's launcher: a Node child with an IPC channel. It leads its own process group: a
 * terminal's Ctrl-C, or a SIGKILL, to the engine's group does not reach it, so it lives to end its steps' trees when
 * the engine cancels them or dies.
 */
export const forkHost: HostLauncher = (script, env) =>
  childProcess().fork(script, [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], env: hostEnvironment(env), serialization: 'json', detached: process.platform !== 'win32' });

/**
 * A host on standby: a shell that waits on a pipe, and execs the host script only once woken (`wake`) or once the
 * engine dies (which closes the pipe). The IPC channel is open from the fork: what the engine sends meanwhile waits in
 * it, and the host reads it as it starts. A run whose only command the engine starts itself thus forks a shell, not a
 * Node process (~100 ms of CPU, beside the run's own), to end that command's tree should the engine die.
 */
function standbyHost(script: string, env: NodeJS.ProcessEnv): { host: HostProcess; wake(): void } {
  const child = childProcess().spawn('/bin/sh', ['-c', 'read -r _; exec "$@"', 'codomyrmex-host', process.execPath, ...process.execArgv, script], {
    stdio: ['pipe', 'ignore', 'inherit', 'ipc'], env: hostEnvironment(env), serialization: 'json', detached: true,
  });
  const lifeline = child.stdin!;
  // Written after the shell is gone (killed on standby, or the host has exited): nothing to tell it any more.
  lifeline.on('error', () => {});
  return { host: child, wake: () => void (lifeline.writableEnded || lifeline.end('\n')) };
}

let launchHost: HostLauncher = forkHost;

/** The one seam for embedders: every host started after this call is started by `launcher` (null: the default). */
export function setHostLauncher(launcher: HostLauncher | null): void {
  launchHost = launcher ?? forkHost;
}

/**
 * The built host script, found from the sources and from any bundle inside dist/: `dist/process-host.cjs`, which reads
 * its first messages however soon its engine dies (see scripts/build.mjs), else the ES module build.
 */
function findHostScript(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 5; up++) {
    for (const base of [dir, join(dir, 'dist')]) {
      for (const name of ['process-host.cjs', 'process-host.js']) if (existsSync(join(base, name))) return join(base, name);
    }
    dir = dirname(dir);
  }
  return null;
}

export class ProcessHostClient {
  private readonly child: HostProcess;
  private readonly baseEnv: NodeJS.ProcessEnv;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private outbox: HostRequest[] = [];
  /** Trees of commands started in the engine's process that this host ends should the engine die first. */
  private adopted = 0;
  private dead = false;
  private up = false;
  /** Starts a host on standby; nothing for one started at once. */
  private readonly wakeUp: () => void = () => {};
  /** Resolves once the host process has exited. */
  readonly exited: Promise<void>;

  private constructor(script: string, standby: boolean) {
    this.baseEnv = { ...process.env };
    if (standby && launchHost === forkHost && process.platform !== 'win32') {
      const { host, wake } = standbyHost(script, this.baseEnv);
      this.child = host;
      this.wakeUp = wake;
    } else {
      this.child = launchHost(script, this.baseEnv);
    }
    this.exited = new Promise((resolve) => this.child.once('exit', () => resolve()));
    this.child.on('message', (message: HostMessage<HostReply>) => {
      if (Array.isArray(message)) for (const reply of message) this.onReply(reply);
      else this.onReply(message);
    });
    this.child.once('exit', () => this.onDeath());
    // A failed start or a write to a host that has just died: the engine never throws (or prints a stack) for it.
    this.child.on('error', () => this.onDeath());
    this.idle();
  }

  /**
   * Starts a host, or returns null where its script is not built (the engine then spawns in-process). On `standby`, it
   * starts as a shell (POSIX, default launcher) and becomes a host only once woken or once the engine dies: for a
   * host that may have only adopted trees to keep.
   */
  static start(script = findHostScript(), { standby = false } = {}): ProcessHostClient | null {
    return script !== null && existsSync(script) ? new ProcessHostClient(script, standby) : null;
  }

  /** Starts a host on standby now: it is worth its start-up (a second command). A host started at once is up already. */
  wake(): void {
    this.wakeUp();
  }

  get alive(): boolean {
    return !this.dead;
  }

  /** True once the host has started and can start commands at once. */
  get ready(): boolean {
    return this.up && !this.dead;
  }

  /** Commands sent and not yet ended: the pool sends new ones to the least busy host. */
  get load(): number {
    return this.pending.size;
  }

  run(request: Omit<Extract<HostRequest, { t: 'spawn' }>, 't' | 'id' | 'env'> & { env: Record<string, string> }): HostRun {
    const id = this.nextId++;
    let resolveExit!: (exit: ProcessExit) => void;
    const exit = new Promise<ProcessExit>((resolve) => (resolveExit = resolve));
    const pending: Pending = { pidWaiters: [], resolveExit };
    this.wakeUp();
    this.pending.set(id, pending);
    if (this.pending.size === 1) this.busy();
    this.post({ t: 'spawn', id, ...request, env: this.changesFrom(request.env) });
    const pid = (): Promise<number | null> => {
      if (!this.pending.has(id)) return Promise.resolve(null);
      const answer = new Promise<number | null>((resolve) => pending.pidWaiters.push(resolve));
      if (pending.pidWaiters.length === 1) this.post({ t: 'pid', id });
      return answer;
    };
    return { pid, exit };
  }

  /**
   * Keeps the tree of a command about to start in the engine's process: the host ends it if the engine dies before
   * `release` is called (at the command's end). Told before the start, by the tag every process of the tree carries
   * (and no process older than `since`), and sent at once, not at the end of this turn: a SIGKILL at any moment after
   * the start leaves the tree to the host. `started` adds the command's pid once it has one. Sent even before the host
   * is up: it reads it as it starts.
   */
  adopt(root: TreeRoot): Adoption {
    const id = this.nextId++;
    this.adopted++;
    this.postNow({ t: 'adopt', id, root });
    let released = false;
    return {
      started: (pid) => {
        if (!released) this.postNow({ t: 'adopt', id, root: { ...root, pid } });
      },
      release: () => {
        if (released) return;
        released = true;
        this.adopted--;
        this.post({ t: 'release', id });
      },
    };
  }

  close(): void {
    // A host still starting, with nothing of its own to end, is not waited for: its start-up is as long as a Node start.
    const idle = !this.up && this.pending.size === 0 && this.adopted === 0;
    this.dead = true;
    if (idle && this.child.kill?.('SIGKILL') === true) return;
    // A host on standby with trees to end starts now: it reads them, sees the channel closed and ends them.
    this.wakeUp();
    if (this.child.connected) this.child.disconnect();
  }

  /**
   * Requests leave together once the current task is done: a scheduler pass that readies several steps sends their
   * starts in one message. In order, so a pid request never overtakes its command's start.
   */
  private post(request: HostRequest): void {
    this.outbox.push(request);
    if (this.outbox.length === 1) queueMicrotask(() => this.sendOutbox());
  }

  /** Sends the request with those waiting before it, now: it must have left should this process die right after. */
  private postNow(request: HostRequest): void {
    this.outbox.push(request);
    this.sendOutbox();
  }

  /** A host that died between two commands fails the command in flight (onDeath), never the engine with EPIPE. */
  private sendOutbox(): void {
    const requests = this.outbox;
    if (requests.length === 0) return;
    this.outbox = [];
    if (this.dead || !this.child.connected) {
      this.onDeath();
      return;
    }
    this.child.send(requests.length === 1 ? requests[0]! : requests, (error: Error | null) => {
      if (error !== null) this.onDeath();
    });
  }

  /** Only what differs from the environment the host started with crosses the pipe. */
  private changesFrom(env: Record<string, string>): Record<string, string | null> {
    const changes: Record<string, string | null> = {};
    for (const key in env) if (this.baseEnv[key] !== env[key]) changes[key] = env[key]!;
    for (const key in this.baseEnv) if (!(key in env)) changes[key] = null;
    return changes;
  }

  private onReply(reply: HostReply): void {
    if (reply.t === 'ready') {
      this.up = true;
      return;
    }
    const pending = this.pending.get(reply.id);
    if (pending === undefined) return;
    if (reply.t === 'pid') {
      for (const resolve of pending.pidWaiters.splice(0)) resolve(reply.pid);
      return;
    }
    this.pending.delete(reply.id);
    for (const resolve of pending.pidWaiters.splice(0)) resolve(null);
    pending.resolveExit({ exitCode: reply.code, signal: reply.signal, ...(reply.startError !== undefined ? { startError: reply.startError } : {}) });
    if (this.pending.size === 0) this.idle();
  }

  private onDeath(): void {
    this.dead = true;
    for (const pending of this.pending.values()) {
      for (const resolve of pending.pidWaiters.splice(0)) resolve(null);
      pending.resolveExit({ exitCode: null, signal: null, startError: 'the process host stopped unexpectedly' });
    }
    this.pending.clear();
  }

  /** The host must never keep the engine's process alive on its own. */
  private idle(): void {
    this.child.unref();
    this.child.channel?.unref?.();
  }

  private busy(): void {
    this.child.ref();
    this.child.channel?.ref?.();
  }
}
