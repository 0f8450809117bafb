// The UTF-8 size of a string, counted without encoding it (shared code runs in browsers too, without Buffer): log
// offsets are in bytes on disk, while the pushed and shown text is in characters.

/** Bytes of `text[from, to)` in UTF-8; a surrogate pair counts 4, a lone surrogate 3 (as its replacement). */
export function utf8Length(text: string, from = 0, to = text.length): number {
  let bytes = 0;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < to) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
