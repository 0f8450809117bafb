// Ready steps ordered by priority (critical first), then by when they first became ready, then by their place in the
// workflow: a binary heap.
import type { StepPriority } from '../../../shared/model.js';

const RANK: Record<StepPriority, number> = { critical: 3, high: 2, normal: 1, low: 0 };

export interface Queued {
  index: number;
  priority: StepPriority;
  /** When the step first became ready (a count of scheduling rounds): a retried step keeps its place in line. */
  readySince: number;
}

export class ReadyQueue<T extends Queued> {
  private readonly heap: T[] = [];

  get size(): number {
    return this.heap.length;
  }

  push(item: T): void {
    const heap = this.heap;
    heap.push(item);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  pop(): T | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last !== undefined) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let best = i;
        if (left < heap.length && before(heap[left]!, heap[best]!)) best = left;
        if (right < heap.length && before(heap[right]!, heap[best]!)) best = right;
        if (best === i) break;
        [heap[i], heap[best]] = [heap[best]!, heap[i]!];
        i = best;
      }
    }
    return top;
  }

  remove(predicate: (item: T) => boolean): T[] {
    const removed = this.heap.filter(predicate);
    if (removed.length === 0) return removed;
    const kept = this.heap.filter((item) => !predicate(item));
    this.heap.length = 0;
    for (const item of kept) this.push(item);
    return removed;
  }

  drain(): T[] {
    return this.heap.splice(0, this.heap.length);
  }
}

function before(a: Queued, b: Queued): boolean {
  const rank = RANK[a.priority] - RANK[b.priority];
  if (rank !== 0) return rank > 0;
  return a.readySince !== b.readySince ? a.readySince < b.readySince : a.index < b.index;
}
