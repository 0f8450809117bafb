// A workflow file's revision: a short content hash, so a save can tell whether the file changed on disk since it was read.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** sha1 of the bytes, hex, first 16 characters: enough to tell two versions of one file apart, short enough to show. */
export function revisionOf(bytes: Uint8Array | string): string {
  return createHash('sha1').update(bytes).digest('hex').slice(0, 16);
}

export interface FileRevision {
  text: string;
  revision: string;
}

/** Reads a file once, so its text and its revision always describe the same bytes; null when it does not exist. */
export function readWithRevision(file: string): FileRevision | null {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return { text: bytes.toString('utf8'), revision: revisionOf(bytes) };
}
