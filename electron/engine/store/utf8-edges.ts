// Where UTF-8 characters start and end in a byte range, so a slice of a log never opens or closes mid-character.

const isContinuation = (byte: number): boolean => (byte & 0xc0) === 0x80;

/** The first index at or after `from` where a character starts (skips the rest of one cut at the front). */
export function charStart(bytes: Uint8Array, from = 0): number {
  let at = from;
  // A character has at most three continuation bytes; more means the bytes are no UTF-8, so keep them.
  while (at < bytes.length && at < from + 3 && isContinuation(bytes[at]!)) at++;
  return at;
}

/** The length of `bytes` without a character cut at the end (its first bytes are there, the rest is not yet). */
export function completeLength(bytes: Uint8Array): number {
  const length = bytes.length;
  for (let at = length - 1; at >= 0 && at >= length - 4; at--) {
    const byte = bytes[at]!;
    if (isContinuation(byte)) continue;
    const size = byte < 0x80 ? 1 : byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return at + size > length ? at : length;
  }
  return length;
}
