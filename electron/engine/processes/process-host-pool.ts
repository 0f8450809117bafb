// The process's process hosts: one per core (up to a few), each command sent to the least busy one that is up.
// Node starts a child synchronously: the host waits, blocked, until the new process has execed, so one host starts
// commands strictly one after another. Several hosts start them side by side, as many at once as there are cores.
// Only the first host starts at once; the others start when commands first overlap, so a short run (or the CLI's
// own start-up, which they would compete with for the cores) does not pay for them.
import { availableParallelism } from 'node:os';
import { ProcessHostClient, type HostRun } from './process-host-client.js';

/** Past this, another idle Node process costs more memory than its parallel starts save. */
const MAX_HOSTS = 4;

export type HostCommand = Parameters<ProcessHostClient['run']>[0];

export class ProcessHostPool {
  private readonly hosts: ProcessHostClient[];

  private constructor(
    first: ProcessHostClient,
    private readonly size: number,
    private readonly startHost: () => ProcessHostClient | null,
  ) {
    this.hosts = [first];
  }

  /** Starts the first host, or returns null where the host script is not built (the engine then spawns in-process). */
  static start(size: number, startHost: () => ProcessHostClient | null = () => ProcessHostClient.start()): ProcessHostPool | null {
    const first = startHost();
    return first === null ? null : new ProcessHostPool(first, Math.max(1, size), startHost);
  }

  /** True while at least one host can take commands. */
  get alive(): boolean {
    return this.hosts.some((host) => host.alive);
  }

  /** Hosts started so far, and those of them up and taking commands. */
  get started(): number {
    return this.hosts.length;
  }

  get ready(): number {
    return this.hosts.filter((host) => host.ready).length;
  }

  run(command: HostCommand): HostRun {
    let best: ProcessHostClient | undefined;
    let busy = true;
    for (const host of this.hosts) {
      if (!host.alive) continue;
      if (host.load === 0) busy = false;
      // A host still starting takes commands only when no host is up: they would wait for its start-up.
      if (best === undefined || (host.ready && !best.ready) || (host.ready === best.ready && host.load < best.load)) best = host;
    }
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

  private grow(): void {
    if (this.hosts.length >= this.size) return;
    const host = this.startHost();
    if (host !== null) this.hosts.push(host);
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

/** The process's shared hosts, started on first call (the CLI calls this first thing, to overlap their start-up). */
export function processHost(): ProcessHostPool | null {
  if (shared === undefined || (shared !== null && !shared.alive)) {
    shared = process.env.CODOMYRMEX_PROCESS_HOST === 'off' ? null : ProcessHostPool.start(poolSize());
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
  if (pool != null) closing = pool.closeAndWait();
  return closing;
}
