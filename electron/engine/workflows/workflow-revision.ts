// A workflow file as read: its text, held to the size and encoding limits before any parser sees it, and its revision
// (a short content hash, so a save can tell whether the file changed on disk since it was read).
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { sizeProblem } from '../../../shared/workflow-limits.js';

/** sha1 of the bytes, hex, first 16 characters: enough to tell two versions of one file apart, short enough to show. */
export function revisionOf(bytes: Uint8Array | string): string {
  return createHash('sha1').update(bytes).digest('hex').slice(0, 16);
}

export type FileRevision =
  | { text: string; revision: string; refused: null }
  /** Refused before parsing (too large, not UTF-8): `refused` says why, in words that name the limit. */
  | { text: null; revision: string; refused: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads a file once, so its text and its revision always describe the same bytes; null when it does not exist. */
export function readWithRevision(file: string): FileRevision | null {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    // A 50 MB file is refused from its size alone: it is never read, and its revision is its size and time.
    const stat = fstatSync(fd);
    const tooLarge = sizeProblem(stat.size);
    if (tooLarge !== null) return { text: null, revision: revisionOf(`${stat.size}:${stat.mtimeMs}`), refused: tooLarge };
    const bytes = readFileSync(fd);
    const grown = sizeProblem(bytes.length);
    if (grown !== null) return { text: null, revision: revisionOf(bytes), refused: grown };
    const text = decodeUtf8(bytes);
    if (text === null) return { text: null, revision: revisionOf(bytes), refused: notUtf8(bytes) };
    return { text, revision: revisionOf(bytes), refused: null };
  } finally {
    closeSync(fd);
  }
}

function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/** Names the line of the first byte that is no UTF-8, so the user can find it (a Latin-1 "é", a binary file). */
function notUtf8(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  const bad = text.indexOf('\uFFFD');
  const line = bad < 0 ? 1 : text.slice(0, bad).split('\n').length;
  return `not UTF-8 text (the first invalid byte is on line ${line}); save the file as UTF-8`;
}
