// Reads the engine's log back for the log panel: the last records (bounded), then whatever was appended since a cursor,
// across rotations; lines that are no record are counted and left out.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LOG_LEVELS, type EngineLogCursor, type EngineLogPage, type EngineLogRecord, type LogLevel } from '../../../shared/engine-log.js';
import { ENGINE_LOG_NAME, engineLogFiles } from './log-files.js';

/** The most bytes one read looks at: the tail of a 10 MiB file, or what a follower missed, arrives in parts. */
export const MAX_READ_BYTES = 1024 * 1024;
export const DEFAULT_RECORDS = 2000;

export interface EngineLogRequest {
  /** Where the last read ended; none: the log's last records. */
  cursor?: EngineLogCursor | null;
  /** The most records returned (the latest ones). */
  limit?: number;
}

export function readEngineLog(dir: string, request: EngineLogRequest = {}): EngineLogPage {
  const files = engineLogFiles(dir);
  const limit = request.limit ?? DEFAULT_RECORDS;
  const page: EngineLogPage = { records: [], cursor: null, damaged: 0, path: join(dir, ENGINE_LOG_NAME) };
  if (files.length === 0) return page;
  // A cursor names one of the log's own files (never a path of the caller's choosing); one rotated away starts over.
  const from = request.cursor == null ? -1 : files.indexOf(request.cursor.file);
  const chunks = from === -1 ? tailChunks(files) : followChunks(files, from, request.cursor!.offset);
  for (const chunk of chunks) {
    for (const line of chunk.lines) {
      const record = toRecord(line);
      if (record === null) page.damaged++;
      else page.records.push(record);
    }
    page.cursor = { file: chunk.file, offset: chunk.end };
  }
  if (page.records.length > limit) page.records.splice(0, page.records.length - limit);
  return page;
}

interface Chunk {
  file: string;
  lines: string[];
  /** The byte after the last whole line read. */
  end: number;
}

/** The end of the current file, and of the one before it when the current one is short: at most MAX_READ_BYTES. */
function tailChunks(files: string[]): Chunk[] {
  const chunks: Chunk[] = [];
  let budget = MAX_READ_BYTES;
  for (let i = files.length - 1; i >= 0 && budget > 0; i--) {
    const size = sizeOf(files[i]!);
    const start = Math.max(0, size - budget);
    const chunk = readLines(files[i]!, start, size, start > 0);
    chunks.unshift(chunk);
    budget -= size - start;
  }
  return chunks;
}

/** From the cursor to the end of its file, then the files rotated in after it, within MAX_READ_BYTES. */
function followChunks(files: string[], from: number, offset: number): Chunk[] {
  const chunks: Chunk[] = [];
  let budget = MAX_READ_BYTES;
  for (let i = from; i < files.length && budget > 0; i++) {
    const start = i === from ? offset : 0;
    const size = sizeOf(files[i]!);
    // A file shorter than the cursor was replaced (removed and begun again): read it from its start.
    const begin = start > size ? 0 : start;
    const end = Math.min(size, begin + budget);
    chunks.push(readLines(files[i]!, begin, end, false));
    budget -= end - begin;
  }
  return chunks;
}

/** Whole lines between start and end; a line cut at `end` is left for the next read, one cut at `start` dropped. */
function readLines(file: string, start: number, end: number, cutAtStart: boolean): Chunk {
  const length = Math.max(0, end - start);
  const buffer = Buffer.alloc(length);
  if (length > 0) {
    const fd = openSync(file, 'r');
    try {
      readSync(fd, buffer, 0, length, start);
    } finally {
      closeSync(fd);
    }
  }
  const last = buffer.lastIndexOf(0x0a);
  const first = cutAtStart ? buffer.indexOf(0x0a) + 1 : 0;
  if (last < first) return { file, lines: [], end: start + last + 1 };
  const text = buffer.subarray(first, last).toString('utf8');
  return { file, lines: text.split('\n').filter((line) => line.trim() !== ''), end: start + last + 1 };
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

const LEVELS: ReadonlySet<string> = new Set(LOG_LEVELS);

function toRecord(line: string): EngineLogRecord | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { time, level, msg, pid, project, workflow, executionId, step, ...fields } = value as Record<string, unknown>;
  const when = typeof time === 'number' ? time : typeof time === 'string' ? Date.parse(time) : NaN;
  if (!Number.isFinite(when) || typeof level !== 'string' || !LEVELS.has(level) || typeof msg !== 'string') return null;
  return {
    time: when,
    level: level as LogLevel,
    msg,
    pid: typeof pid === 'number' ? pid : null,
    ...(typeof project === 'string' ? { project } : {}),
    ...(typeof workflow === 'string' ? { workflow } : {}),
    ...(typeof executionId === 'string' ? { executionId } : {}),
    ...(typeof step === 'string' ? { step } : {}),
    fields,
  };
}
