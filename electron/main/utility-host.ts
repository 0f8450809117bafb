// The process host inside an Electron utility process (built as dist/electron/utility-host.js): Electron's parentPort
// stands in for Node's IPC channel, so the host script (dist/process-host.js, given as the first argument) runs
// unchanged. A utility process has no channel that closes when main dies, so main's pid is watched instead.
import { pathToFileURL } from 'node:url';
import { isAlive } from '../engine/processes/process-liveness.js';
import { ENGINE_PID_ENV, UTILITY_DISCONNECT } from './utility-host-channel.js';

/** Electron's `process.parentPort`, as far as the host needs it. */
export interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  postMessage(message: unknown): void;
}

/** The slice of `process` a Node IPC child uses: what the host script calls. */
export interface IpcProcess {
  send?: unknown;
  emit(event: string, ...args: unknown[]): boolean;
}

export interface PortBridge {
  /** Starts delivering main's messages: parentPort holds them until then, so call it once the host listens. */
  listen(): void;
  disconnect(): void;
}

/**
 * Makes `target` look like a Node child with an IPC channel over `port`: `send`, `connected`, and the `message` and
 * `disconnect` events. Disconnects when main says so or when main's pid is gone.
 */
export function bridgeParentPort(port: ParentPort, target: IpcProcess, enginePid: number | null, watchMs = 500): PortBridge {
  let connected = true;
  let watch: ReturnType<typeof setInterval> | null = null;
  const disconnect = (): void => {
    if (!connected) return;
    connected = false;
    if (watch !== null) clearInterval(watch);
    target.emit('disconnect');
  };
  target.send = (message: unknown, ...rest: unknown[]): boolean => {
    const callback = rest.find((arg): arg is (error: Error | null) => void => typeof arg === 'function');
    if (!connected) {
      callback?.(new Error('the channel to main is closed'));
      return false;
    }
    port.postMessage(message);
    callback?.(null);
    return true;
  };
  Object.defineProperty(target, 'connected', { configurable: true, get: () => connected });
  if (enginePid !== null) watch = setInterval(() => !isAlive(enginePid) && disconnect(), watchMs);
  const listen = (): void => {
    port.on('message', ({ data }) => {
      if (data === UTILITY_DISCONNECT) disconnect();
      else if (connected) target.emit('message', data);
    });
  };
  return { listen, disconnect };
}

function enginePidFrom(env: NodeJS.ProcessEnv): number | null {
  const pid = Number(env[ENGINE_PID_ENV]);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/** Runs in the utility process: bridge first, then the host, which announces itself ready on the bridged channel. */
export async function runUtilityHost(): Promise<void> {
  const port = (process as unknown as { parentPort?: ParentPort }).parentPort;
  const script = process.argv.at(-1);
  if (port === undefined || script === undefined || !/\.[cm]?js$/.test(script)) {
    console.error('Codomyrmex process host: start me with utilityProcess.fork(utility-host.js, [process-host.js])');
    process.exit(2);
  }
  const bridge = bridgeParentPort(port, process as unknown as IpcProcess, enginePidFrom(process.env));
  // Electron ends a utility process whose parent is gone by quitting its loop: the host still ends its trees then.
  process.once('exit', () => bridge.disconnect());
  await import(pathToFileURL(script).href);
  bridge.listen();
}
