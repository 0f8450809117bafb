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
  return () => {
    for (const [signal, handler] of handlers) process.off(signal, handler);
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
