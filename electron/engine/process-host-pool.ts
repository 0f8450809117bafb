// The process's process hosts: one per core (up to a few), each command sent to the least busy.
// Node starts a child synchronously: the host waits, blocked, until the new process has execed, so one host starts
// commands strictly one after another. Several hosts start them side by side, as many at once as there are cores.
import { availableParallelism } from 'node:os';
import { ProcessHostClient, type HostRun } from './process-host-client.js';

/** Past this, another idle Node process costs more memory than its parallel starts save. */
const MAX_HOSTS = 4;

export type HostCommand = Parameters<ProcessHostClient['run']>[0];

export class ProcessHostPool {
  private constructor(private readonly hosts: ProcessHostClient[]) {}

  /** Starts `size` hosts, or returns null where the host script is not built (the engine then spawns in-process). */
  static start(size: number, startHost: () => ProcessHostClient | null = () => ProcessHostClient.start()): ProcessHostPool | null {
    const hosts: ProcessHostClient[] = [];
    for (let i = 0; i < size; i++) {
      const host = startHost();
      if (host === null) break;
      hosts.push(host);
    }
    return hosts.length === 0 ? null : new ProcessHostPool(hosts);
  }

  /** True while at least one host can take commands. */
  get alive(): boolean {
    return this.hosts.some((host) => host.alive);
  }

  get size(): number {
    return this.hosts.length;
  }

  run(command: HostCommand): HostRun {
    let best: ProcessHostClient | undefined;
    for (const host of this.hosts) if (host.alive && (best === undefined || host.load < best.load)) best = host;
    if (best === undefined) throw new Error('no process host is running');
    return best.run(command);
  }

  close(): void {
    for (const host of this.hosts) host.close();
  }
}

/** How many hosts this machine gets: CODOMYRMEX_PROCESS_HOSTS, else one per core up to MAX_HOSTS. */
export function poolSize(env: NodeJS.ProcessEnv = process.env): number {
  const asked = Number(env.CODOMYRMEX_PROCESS_HOSTS);
  if (Number.isInteger(asked) && asked >= 1) return asked;
  return Math.max(1, Math.min(availableParallelism(), MAX_HOSTS));
}

let shared: ProcessHostPool | null | undefined;

/** The process's shared hosts, started on first call (the CLI calls this first thing, to overlap their start-up). */
export function processHost(): ProcessHostPool | null {
  if (shared === undefined || (shared !== null && !shared.alive)) {
    shared = process.env.CODOMYRMEX_PROCESS_HOST === 'off' ? null : ProcessHostPool.start(poolSize());
  }
  return shared;
}
