// Reads a slice of a step's log file for a door: whole UTF-8 characters only, and whether the log was capped.
import { closeSync, existsSync, fstatSync, openSync } from 'node:fs';
import type { RunLogSlice } from '../../../shared/ipc.js';
import { cappedMarkerFile, readAt } from './log-cap.js';
import { charStart, completeLength } from './utf8-edges.js';

/** What one request reads when it does not say: enough for a screenful of history many times over. */
export const DEFAULT_SLICE_BYTES = 1024 * 1024;

export function readLogSlice(path: string, offset = 0, length = DEFAULT_SLICE_BYTES): RunLogSlice {
  if (!existsSync(path)) return { text: '', offset: 0, nextOffset: 0, size: 0, capped: false };
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const from = Math.min(offset, size);
    const bytes = readAt(fd, from, Math.min(length, size - from));
    const start = from === 0 ? 0 : charStart(bytes);
    let end = completeLength(bytes);
    // A character cut at the end of a finished file would hold the reader at the same offset forever: show it as is.
    if (end <= start && bytes.length > start) end = bytes.length;
    return {
      text: bytes.subarray(start, end).toString('utf8'),
      offset: from + start,
      nextOffset: from + end,
      size,
      capped: existsSync(cappedMarkerFile(path)),
    };
  } finally {
    closeSync(fd);
  }
}
