// Starts the engine's process hosts as Electron utility processes, behind the engine's host interface:
// child_process.fork works in Electron only through ELECTRON_RUN_AS_NODE, which the runAsNode fuse turns off.
import { EventEmitter } from 'node:events';
import { utilityProcess, type UtilityProcess } from 'electron';
import type { HostMessage, HostReply, HostRequest } from '../engine/processes/process-host.js';
import type { HostLauncher, HostProcess } from '../engine/processes/process-host-client.js';
import { ENGINE_PID_ENV, UTILITY_DISCONNECT } from './utility-host-channel.js';

/** How long a host gets to end its trees and exit after a disconnect before it is killed. */
export const DISCONNECT_GRACE_MS = 3_000;

/** A launcher that forks `adapter` (dist/electron/utility-host.js) in a utility process, running the host script. */
export function utilityHostLauncher(adapter: string, graceMs = DISCONNECT_GRACE_MS): HostLauncher {
  return (script, env) => {
    const definedEnv: Record<string, string> = {};
    for (const [key, value] of Object.entries(env)) if (value !== undefined) definedEnv[key] = value;
    definedEnv[ENGINE_PID_ENV] = String(process.pid);
    const child = utilityProcess.fork(adapter, [script], { env: definedEnv, stdio: ['ignore', 'ignore', 'inherit'], serviceName: 'Codomyrmex process host' });
    return new UtilityHost(child, graceMs);
  };
}

/** A utility process seen as a ChildProcess with an IPC channel. */
class UtilityHost extends EventEmitter implements HostProcess {
  private exited = false;
  private disconnected = false;

  constructor(private readonly child: UtilityProcess, private readonly graceMs: number) {
    super();
    child.on('message', (reply: HostMessage<HostReply>) => this.emit('message', reply));
    child.once('exit', (code: number) => {
      this.exited = true;
      this.emit('exit', code, null);
    });
  }

  get connected(): boolean {
    return !this.exited && !this.disconnected;
  }

  send(request: HostMessage<HostRequest>, callback?: (error: Error | null) => void): boolean {
    if (!this.connected) {
      callback?.(new Error('the process host has gone'));
      return false;
    }
    this.child.postMessage(request);
    callback?.(null);
    return true;
  }

  disconnect(): void {
    if (!this.connected) return;
    this.disconnected = true;
    this.child.postMessage(UTILITY_DISCONNECT);
    // A host stuck in a long synchronous spawn still goes: after the grace, it is killed.
    const timer = setTimeout(() => {
      if (!this.exited) this.child.kill();
    }, this.graceMs);
    timer.unref?.();
  }

  // Electron's main lives until the app quits, whatever its event loop holds: nothing to hold or release.
  ref(): void {}
  unref(): void {}
}
