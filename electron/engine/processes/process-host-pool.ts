// The process's process hosts: one per core (up to a few), each command sent to the least busy one that is up.
// Node starts a child synchronously: the host waits, blocked, until the new process has execed, so one host starts
// commands strictly one after another. Several hosts start them side by side, as many at once as there are cores.
// No host starts before the first command does: a run with nothing to start (every step cached, or in-process) forks
// none. The first command starts the first host, on standby (a shell until woken: process-host-client.ts), and
// commands start in this process until a host is up: a short run never waits for a host's start-up (as long as a Node
// start), while the host, told of each such command's tree, ends it should this process die. The second command wakes
// it, or the first once it has run a while; a quick run of one command never starts Node twice. The others start when
// commands first overlap.
import { availableParallelism } from 'node:os';
import { sweepHereNow } from './local-start.js';
import { PROCESS_TAG, processesSince } from './process-tree.js';
import { ProcessHostClient, type HostRun } from './process-host-client.js';
import type { StartedCommand } from './spawn-command.js';

/** Past this, another idle Node process costs more memory than its parallel starts save. */
const MAX_HOSTS = 4;
/**
 * A first command still running after this wakes the host on standby: more commands are likely to follow it, and it
 * is up for them. A quick one (a 1-step run of `true` takes a few milliseconds) ends before, and Node never starts.
 */
const STANDBY_MS = standbyMs(process.env.CODOMYRMEX_HOST_STANDBY_MS);

/** The standby time, or another from the environment (a whole number of milliseconds; anything else is ignored). */
function standbyMs(text: string | undefined): number {
  const ms = Number(text);
  return text !== undefined && text !== '' && Number.isInteger(ms) && ms >= 0 ? ms : 100;
}

export type HostCommand = Parameters<ProcessHostClient['run']>[0];
/** Starts a host (on standby when asked: see ProcessHostClient.start), or returns null where none is built. */
type StartHost = (standby: boolean) => ProcessHostClient | null;

const startHostScript: StartHost = (standby) => ProcessHostClient.start(undefined, { standby });

export class ProcessHostPool {
  private readonly hosts: ProcessHostClient[] = [];
  /** Commands started in this process (no host was up) and still running. */
  private startedHere = 0;

  private constructor(
    private readonly size: number,
    private readonly startHost: StartHost,
  ) {}

  /** Starts the first host, or returns null where the host script is not built (the engine then spawns in-process). */
  static start(size: number, startHost: StartHost = startHostScript): ProcessHostPool | null {
    const pool = ProcessHostPool.lazy(size, startHost);
    return pool.grow() === null ? null : pool;
  }

  /** A pool whose first host starts with its first command (none where the host script is not built). */
  static lazy(size: number, startHost: StartHost = startHostScript): ProcessHostPool {
    return new ProcessHostPool(Math.max(1, size), startHost);
  }

  /** True until every host it started has died. */
  get alive(): boolean {
    return this.hosts.length === 0 || this.hosts.some((host) => host.alive);
  }

  /** Hosts started so far, and those of them up and taking commands. */
  get started(): number {
    return this.hosts.length;
  }

  get ready(): number {
    return this.hosts.filter((host) => host.ready).length;
  }

  /**
   * Starts the command on the least busy host that is up. With none up yet, `here` (when given) starts it in this
   * process, not to wait for a host's start-up, and a host (the first, started now) keeps its tree until it ends: the
   * host ends it should this process die first.
   */
  run(command: HostCommand, here?: () => StartedCommand): HostRun {
    let best: ProcessHostClient | undefined;
    let busy = true;
    for (const host of this.hosts) {
      if (!host.alive) continue;
      if (host.load === 0) busy = false;
      // A host still starting takes commands only when no host is up: they would wait for its start-up.
      if (best === undefined || (host.ready && !best.ready) || (host.ready === best.ready && host.load < best.load)) best = host;
    }
    if (here !== undefined && best?.ready !== true) {
      // The host is forked first and told of the command's tree before it starts: it ends it even if this process dies
      // right as it starts (a SIGKILL between the start and a later fork, or a later message, would leave it to no
      // one). Commands that overlap here start the next host too, as they would on hosts that are up.
      const host = best ?? this.grow(true);
      // A second command: more may follow, and the host (on standby) is worth its start-up now.
      best?.wake();
      if (this.startedHere > 0) this.grow();
      this.startedHere++;
      const tag = command.env[PROCESS_TAG];
      const adoption = host?.adopt({ pid: -1, since: processesSince(), ...(tag !== undefined ? { tag } : {}) });
      const started = here();
      if (started.pid !== null) adoption?.started(started.pid);
      const wake = setTimeout(() => host?.wake(), STANDBY_MS);
      void started.exit.then(() => {
        this.startedHere--;
        clearTimeout(wake);
        adoption?.release();
      });
      const pid = Promise.resolve(started.pid);
      return { pid: () => pid, exit: started.exit };
    }
    best ??= this.grow() ?? undefined;
    if (best === undefined) throw new Error('no process host is running');
    if (busy) this.grow();
    return best.run(command);
  }

  close(): void {
    for (const host of this.hosts) host.close();
  }

  /** Closes the hosts and waits (up to `limitMs`) until their processes have exited. */
  async closeAndWait(limitMs = 2_000): Promise<void> {
    this.close();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const limit = new Promise<void>((resolve) => (timer = setTimeout(resolve, limitMs)));
    await Promise.race([Promise.all(this.hosts.map((host) => host.exited)), limit]);
    clearTimeout(timer);
  }

  /** Starts one more host, up to the pool's size; null when full or where the host script is not built. */
  private grow(standby = false): ProcessHostClient | null {
    if (this.hosts.length >= this.size) return null;
    const host = this.startHost(standby);
    if (host !== null) this.hosts.push(host);
    return host;
  }
}

/** How many hosts this machine gets: CODOMYRMEX_PROCESS_HOSTS, else one per core up to MAX_HOSTS. */
export function poolSize(env: NodeJS.ProcessEnv = process.env): number {
  const asked = Number(env.CODOMYRMEX_PROCESS_HOSTS);
  if (Number.isInteger(asked) && asked >= 1) return asked;
  return Math.max(1, Math.min(availableParallelism(), MAX_HOSTS));
}

let shared: ProcessHostPool | null | undefined;
/** The last close under way: a second call waits for it too. */
let closing: Promise<void> = Promise.resolve();

/** The process's shared hosts, the first started on first call: by the first command a step starts. */
export function processHost(): ProcessHostPool | null {
  if (shared === undefined || (shared !== null && !shared.alive)) {
    shared = process.env.CODOMYRMEX_PROCESS_HOST === 'off' ? null : ProcessHostPool.lazy(poolSize());
  }
  return shared;
}

/**
 * Closes the process's hosts, if any started, and waits until they have exited: a command calls this last, so that
 * no host outlives it (each ends the trees of the steps it still runs as it goes). A command may start it earlier,
 * once it starts no more steps; the last call then waits for that close.
 */
export function closeProcessHosts(): Promise<void> {
  const pool = shared;
  shared = undefined;
  sweepHereNow();
  if (pool != null) closing = pool.closeAndWait();
  return closing;
}
