// One call at most per `delayMs`, made at the end of the window: bursts of events cost one refetch, and a steady
// stream still gets one every window (a plain debounce would starve while events keep coming).
export interface TrailingCall {
  schedule(): void;
  cancel(): void;
}

export function trailingCall(work: () => void, delayMs: number): TrailingCall {
  let timer: ReturnType<typeof setTimeout> | null = null;
  return {
    schedule: () => {
      if (timer !== null) return;
      timer = setTimeout(() => {
        timer = null;
        work();
      }, delayMs);
    },
    cancel: () => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
