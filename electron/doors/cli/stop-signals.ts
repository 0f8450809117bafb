// The signals that stop a command — Ctrl-C, a closing terminal, a service manager — and the exit code each gives.
// Shells report a process ended by signal N as 128 + N; a command that stops cleanly on one exits with that code too.

/** SIGHUP (a closing terminal) stops a command like Ctrl-C does, and says so with its own code. */
export const STOP_SIGNALS = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

export type StopSignal = keyof typeof STOP_SIGNALS;

/**
 * Calls `stop` on the first stop signal; a second one leaves at once with its code (the process hosts still end
 * every step's tree when they see the command go; its runs are then recorded as interrupted at the next start).
 */
export function onStopSignal(stop: (signal: StopSignal) => void): () => void {
  let stopping = false;
  const handlers = (Object.keys(STOP_SIGNALS) as StopSignal[]).map((signal) => {
    const handler = (): void => {
      if (stopping) process.exit(STOP_SIGNALS[signal]);
      stopping = true;
      stop(signal);
    };
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  // Only now, so that a signal already on its way finds a listener: with none left for a moment, Node drops it.
  stopEarly?.();
  return () => {
    for (const [signal, handler] of handlers) process.off(signal, handler);
  };
}

let stopEarly: (() => void) | null = null;

/**
 * From the command line's start until its command listens (onStopSignal): a stop signal ends the process hosts — and
 * with them every step tree they run — then leaves with the signal's code. Without it, a Ctrl-C while the CLI loads
 * would end it at once and leave its hosts to notice and follow a moment later.
 */
export function stopBeforeCommandListens(closeHosts: () => Promise<void>): void {
  const handlers = (Object.keys(STOP_SIGNALS) as StopSignal[]).map((signal) => {
    const handler = (): void => void closeHosts().then(() => process.exit(STOP_SIGNALS[signal]));
    process.once(signal, handler);
    return [signal, handler] as const;
  });
  stopEarly = () => {
    for (const [signal, handler] of handlers) process.off(signal, handler);
    stopEarly = null;
  };
}

/**
 * A closed terminal or pipe (EIO, EPIPE) on stdout or stderr is ignored: the command still cancels its steps and
 * writes its record, with no stack trace from a write nobody can read.
 */
export function ignoreClosedOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'EIO') process.exitCode ??= 1;
    });
  }
}
