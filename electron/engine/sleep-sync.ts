// Waiting a few milliseconds without an event loop to wait on: for code that must finish before it returns (a lock
// taken, a file opened) and whose callers are synchronous.
const pause = new Int32Array(new SharedArrayBuffer(4));

/** Blocks this thread for `ms` milliseconds. */
export function sleepSync(ms: number): void {
  Atomics.wait(pause, 0, 0, ms);
}
