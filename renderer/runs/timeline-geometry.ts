// Where each step's bar sits on the run's timeline (Gantt): a shared time axis from the run's start to its end (or
// now), bars as fractions of it, and tick marks at readable intervals.
import type { StepRun, WorkerRef } from '../../shared/model.js';

export interface TimelineBar {
  step: string;
  status: StepRun['status'];
  attempts: number;
  /** Fractions of the axis, 0..1. */
  left: number;
  width: number;
  startTime: number | null;
  endTime: number | null;
  /** Kept from an earlier run by a re-run from failed: it did not run in this one, so it has no bar here. */
  reused?: string;
  /** Left out of a partial run (only / from / to): no bar, a note instead. */
  notSelected?: true;
  /** The worker that ran it, when one did. */
  worker?: WorkerRef;
  /** Restored from the step cache: a hatched bar for the restore, or a marker where it has no times. */
  cached?: true;
}

/** Where a bar's note (its worker's host) goes: after the bar, before it, or inside a bar too wide for either. */
export interface NotePlace {
  side: 'after' | 'before' | 'inside';
  /** The fraction of the axis the note starts (after, inside) or ends (before) at. */
  at: number;
}

/** Room a note needs beside its bar, as a fraction of the axis: a host name at 11 px on a track of ~600 px. */
const NOTE_ROOM = 0.3;

export function notePlace(bar: Pick<TimelineBar, 'left' | 'width'>): NotePlace {
  const end = bar.left + bar.width;
  if (end <= 1 - NOTE_ROOM) return { side: 'after', at: end };
  if (bar.left >= NOTE_ROOM) return { side: 'before', at: bar.left };
  return { side: 'inside', at: bar.left };
}

export interface TimelineTick {
  at: number;
  left: number;
  label: string;
}

/** Bars narrower than this fraction are widened so a 1 ms step still shows. */
const MIN_WIDTH = 0.004;
const STEP_SIZES = [100, 250, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 1_800_000, 3_600_000];

export function timelineSpan(runStart: number, runEnd: number | null, steps: Iterable<StepRun>, now: number): { start: number; end: number } {
  let end = runEnd ?? now;
  for (const run of steps) if (run.reusedFrom == null) end = Math.max(end, run.endTime ?? (run.startTime !== null ? now : 0));
  return { start: runStart, end: Math.max(end, runStart + 1) };
}

export function timelineBars(order: readonly string[], steps: ReadonlyMap<string, StepRun>, span: { start: number; end: number }, now: number): TimelineBar[] {
  const length = span.end - span.start;
  return order.flatMap((step): TimelineBar[] => {
    const run = steps.get(step);
    if (run === undefined) return [];
    if (run.status === 'not-selected') return [{ step, status: run.status, attempts: 0, left: 0, width: 0, startTime: null, endTime: null, notSelected: true }];
    if (run.status === 'cached' && run.startTime === null) {
      const at = run.endTime === null ? 0 : Math.min(1, Math.max(0, (run.endTime - span.start) / length));
      return [{ step, status: run.status, attempts: run.attempts, left: at, width: 0, startTime: null, endTime: run.endTime, cached: true }];
    }
    if (run.reusedFrom != null) return [{ step, status: run.status, attempts: run.attempts, left: 0, width: 0, startTime: null, endTime: null, reused: run.reusedFrom }];
    // A step back in the queue (its pool lost its workers before one took it) has a start but does not run: no bar.
    if (run.startTime === null || run.status === 'queued') return [{ step, status: run.status, attempts: run.attempts, left: 0, width: 0, startTime: null, endTime: null }];
    const from = Math.max(0, (run.startTime - span.start) / length);
    const to = Math.min(1, ((run.endTime ?? now) - span.start) / length);
    const bar: TimelineBar = { step, status: run.status, attempts: run.attempts, left: Math.min(from, 1 - MIN_WIDTH), width: Math.max(MIN_WIDTH, to - from), startTime: run.startTime, endTime: run.endTime };
    if (run.status === 'cached') bar.cached = true;
    return [run.worker != null ? { ...bar, worker: run.worker } : bar];
  });
}

function tickLabel(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${ms / 1000} s`;
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)} m${ms % 60_000 === 0 ? '' : ` ${(ms % 60_000) / 1000} s`}`;
  return `${ms / 3_600_000} h`;
}

/** About `target` ticks at a round interval, the first at 0. */
export function timelineTicks(span: { start: number; end: number }, target = 6): TimelineTick[] {
  const length = span.end - span.start;
  const interval = STEP_SIZES.find((size) => length / size <= target) ?? STEP_SIZES[STEP_SIZES.length - 1]!;
  const ticks: TimelineTick[] = [];
  for (let at = 0; at <= length; at += interval) ticks.push({ at, left: at / length, label: tickLabel(at) });
  return ticks;
}
