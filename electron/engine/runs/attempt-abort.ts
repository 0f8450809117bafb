// How an attempt in flight is stopped (a cancel or its timeout): the first reason wins and is sent across the
// executor's seam once. A plain object, not an AbortController: one per attempt, and Node's AbortSignal costs
// microseconds to create — a noticeable share of a 10,000-step run's scheduling.
export class AttemptAbort {
  aborted = false;
  reason: unknown = undefined;
  private cancel: ((reason: Error) => void) | null = null;

  /** The attempt to cancel; a reason given before it was known is sent to it at once. */
  attach(cancel: (reason: Error) => void): void {
    this.cancel = cancel;
    if (this.aborted) cancel(this.reason as Error);
  }

  abort(reason: Error): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.cancel?.(reason);
  }
}
