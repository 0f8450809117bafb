// Step logs in memory, one buffer per (run, step): live `step.log` text appended line by line, the front trimmed past a
// cap so a step printing 100 MB costs the page a few hundred KiB; older text stays on disk, read back in slices.
import { createStore } from 'zustand/vanilla';
import { liveLogMarker } from '../../shared/events.js';
import { utf8Length } from '../../shared/utf8-length.js';

/** Live text kept per step. */
export const LOG_CAP = 256 * 1024;
/** Loading earlier output raises one buffer's cap, never past this. */
export const LOG_CAP_MAX = 8 * 1024 * 1024;
/** Step buffers kept at once; the least recently written go first (they can be read again from disk). */
export const MAX_BUFFERS = 64;

export interface LogBuffer {
  /** Mutated in place while text is appended; the buffer object is replaced on every change (see revision). */
  readonly lines: readonly string[];
  /** Characters held. */
  readonly chars: number;
  /** Disk byte offset of the first line held; > 0 means earlier output exists on disk only. */
  readonly startOffset: number;
  /** Disk byte offset just past the last text held. */
  readonly endOffset: number;
  readonly cap: number;
  /** A disk read for this step is under way: live text is left to it (see seed). */
  readonly seeding: boolean;
  readonly pending: readonly LogEntry[];
  readonly revision: number;
}

/** A step.log push: `offset` is where its text joins the file on disk, `skipped` the bytes before it not sent. */
export interface LogEntry {
  executionId: string;
  step: string;
  text: string;
  offset?: number;
  skipped?: number;
}

export interface LogState {
  buffers: ReadonlyMap<string, LogBuffer>;
  append(entries: readonly LogEntry[]): void;
  /** Marks a disk read of the log's tail as started: live text until it lands is in what it reads. */
  startSeeding(executionId: string, step: string): void;
  /** Replaces the buffer with the log's text read from disk at `offset`. */
  seed(executionId: string, step: string, text: string, offset: number): void;
  /** The disk read failed: live text is appended again. */
  endSeeding(executionId: string, step: string): void;
  /** Puts older text (read from disk, ending where the buffer starts) before the buffer. */
  prepend(executionId: string, step: string, text: string, offset: number): void;
  drop(executionId: string): void;
}

export const logKey = (executionId: string, step: string): string => `${executionId}\u0000${step}`;

interface Draft {
  lines: string[];
  chars: number;
  startOffset: number;
  endOffset: number;
  cap: number;
  seeding: boolean;
  /** Pushes that arrived while a disk read was under way, replayed (without what the read covered) when it lands. */
  pending: LogEntry[];
  revision: number;
}

const emptyDraft = (): Draft => ({ lines: [''], chars: 0, startOffset: 0, endOffset: 0, cap: LOG_CAP, seeding: false, pending: [], revision: 0 });

/** Bytes of `text` from `skip` on, as text (only a push overlapping what is held pays for the encoding). */
function afterBytes(text: string, skip: number): string {
  const bytes = new TextEncoder().encode(text);
  return new TextDecoder().decode(bytes.subarray(Math.min(skip, bytes.length)));
}

/** Adds a push where it belongs: what the buffer holds already (a disk read covered it) is not added twice. */
export function appendEntry(draft: Draft, entry: LogEntry): void {
  if (entry.offset === undefined) return appendText(draft, entry.text);
  const marker = entry.skipped !== undefined && entry.skipped > 0 ? liveLogMarker(entry.skipped) : '';
  const body = marker !== '' && entry.text.startsWith(marker) ? entry.text.slice(marker.length) : entry.text;
  const empty = draft.chars === 0;
  if (empty) {
    // The first text seen joins the file here: what came before is on disk only.
    draft.startOffset = entry.offset;
    draft.endOffset = entry.offset;
  }
  const end = entry.offset + utf8Length(body);
  if (!empty && end <= draft.endOffset) return;
  if (!empty && entry.offset < draft.endOffset) {
    appendText(draft, afterBytes(body, draft.endOffset - entry.offset));
    return;
  }
  // A gap (bytes not sent live): the engine's marker line says so, and offsets jump past it.
  appendText(draft, empty ? body : entry.text);
  draft.endOffset = end;
}

/** Adds text to the lines: the last line stays open until its newline arrives. */
export function appendText(draft: Draft, text: string): void {
  const parts = text.split('\n');
  const lines = draft.lines;
  lines[lines.length - 1] += parts[0]!;
  for (let i = 1; i < parts.length; i++) lines.push(parts[i]!);
  draft.chars += text.length;
  draft.endOffset += utf8Length(text);
  trimFront(draft);
}

/** Drops whole lines from the front until the buffer fits its cap; their bytes move to the disk-only part. */
function trimFront(draft: Draft): void {
  if (draft.chars <= draft.cap) return;
  let drop = 0;
  let chars = draft.chars;
  let bytes = 0;
  // Keep at least the open last line, however long it is.
  while (chars > draft.cap && drop < draft.lines.length - 1) {
    const line = draft.lines[drop]!;
    chars -= line.length + 1;
    bytes += utf8Length(line) + 1;
    drop++;
  }
  draft.lines.splice(0, drop);
  draft.chars = chars;
  draft.startOffset += bytes;
}

/** Text read from disk as lines: a slice starting mid-line (offset > 0) loses its partial first line. */
function linesOf(text: string, offset: number): { lines: string[]; skipped: number } {
  if (offset === 0) return { lines: text.split('\n'), skipped: 0 };
  const newline = text.indexOf('\n');
  if (newline < 0) return { lines: [''], skipped: utf8Length(text) };
  return { lines: text.slice(newline + 1).split('\n'), skipped: utf8Length(text.slice(0, newline + 1)) };
}

export function createLogStore() {
  const buffers = new Map<string, LogBuffer>();
  /** Insertion order is recency: a written buffer moves to the end. */
  const touch = (key: string, draft: Draft): void => {
    buffers.delete(key);
    buffers.set(key, { ...draft, revision: draft.revision + 1 });
  };
  const draftOf = (key: string): Draft => {
    const buffer = buffers.get(key);
    return buffer === undefined ? emptyDraft() : { ...buffer, lines: buffer.lines as string[], pending: [...buffer.pending] };
  };
  const evict = (keep: Set<string>): void => {
    for (const key of buffers.keys()) {
      if (buffers.size <= MAX_BUFFERS) break;
      if (!keep.has(key)) buffers.delete(key);
    }
  };

  return createStore<LogState>()((set) => ({
    buffers,
    append(entries) {
      if (entries.length === 0) return;
      const drafts = new Map<string, Draft>();
      for (const entry of entries) {
        const { executionId, step } = entry;
        const key = logKey(executionId, step);
        let draft = drafts.get(key);
        if (draft === undefined) drafts.set(key, (draft = draftOf(key)));
        if (draft.seeding) draft.pending.push(entry);
        else appendEntry(draft, entry);
      }
      for (const [key, draft] of drafts) touch(key, draft);
      evict(new Set(drafts.keys()));
      set({ buffers });
    },
    startSeeding(executionId, step) {
      const key = logKey(executionId, step);
      touch(key, { ...draftOf(key), seeding: true, pending: [] });
      set({ buffers });
    },
    seed(executionId, step, text, offset) {
      const key = logKey(executionId, step);
      const pending = buffers.get(key)?.pending ?? [];
      const { lines, skipped } = linesOf(text, offset);
      const draft: Draft = { ...emptyDraft(), lines, chars: lines.join('\n').length, startOffset: offset + skipped, endOffset: offset + utf8Length(text) };
      trimFront(draft);
      for (const entry of pending) appendEntry(draft, entry);
      touch(key, draft);
      set({ buffers });
    },
    endSeeding(executionId, step) {
      const key = logKey(executionId, step);
      if (buffers.get(key)?.seeding !== true) return;
      const draft = { ...draftOf(key), seeding: false };
      for (const entry of draft.pending) appendEntry(draft, entry);
      draft.pending = [];
      touch(key, draft);
      set({ buffers });
    },
    prepend(executionId, step, text, offset) {
      const key = logKey(executionId, step);
      const draft = draftOf(key);
      const { lines, skipped } = linesOf(text, offset);
      // The slice ends at a line start (the buffer's first line), so its last element is an empty remainder.
      if (lines[lines.length - 1] === '') lines.pop();
      draft.lines = [...lines, ...draft.lines];
      draft.chars += text.length;
      draft.startOffset = offset + skipped;
      draft.cap = Math.min(LOG_CAP_MAX, Math.max(draft.cap, draft.chars));
      touch(key, draft);
      set({ buffers });
    },
    drop(executionId) {
      for (const key of [...buffers.keys()]) if (key.startsWith(`${executionId}\u0000`)) buffers.delete(key);
      set({ buffers });
    },
  }));
}

export type LogStore = ReturnType<typeof createLogStore>;

/** The lines to show: the open last line is shown too, unless it is empty. */
export function visibleLineCount(buffer: LogBuffer | undefined): number {
  if (buffer === undefined) return 0;
  const last = buffer.lines[buffer.lines.length - 1];
  return last === '' ? buffer.lines.length - 1 : buffer.lines.length;
}
