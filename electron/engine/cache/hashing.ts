// Content hashes for the step cache: xxHash128 (hash-wasm) over files, text and canonical JSON; one hasher reused.
import { closeSync, openSync, readSync } from 'node:fs';
import { createXXHash128, type IHasher } from 'hash-wasm';

const CHUNK = 1 << 20;

export interface Hasher {
  /** The hex hash of a string or bytes. */
  of(data: string | Uint8Array): string;
  /**
   * The hex hash of a file's content, read in chunks (a large output never sits in memory whole); `each` is given
   * every chunk as it is hashed (valid only during the call), so a copy can be written in the same pass.
   */
  file(path: string, each?: (chunk: Uint8Array) => void): string;
  /** The hex hash of a value's canonical JSON: the same for objects whose keys came in another order. */
  json(value: unknown): string;
}

let loading: Promise<Hasher> | null = null;
let loaded: Hasher | null = null;

/** The process's hasher, its WebAssembly compiled once; every call after the first is synchronous work. */
export function loadHasher(): Promise<Hasher> {
  return (loading ??= createXXHash128().then((hasher) => (loaded = wrap(hasher))));
}

/** The hasher once loadHasher has made it, else null. */
export function loadedHasher(): Hasher | null {
  return loaded;
}

function wrap(hasher: IHasher): Hasher {
  const buffer = Buffer.allocUnsafe(CHUNK);
  const of = (data: string | Uint8Array): string => hasher.init().update(data).digest('hex');
  return {
    of,
    file(path, each) {
      const fd = openSync(path, 'r');
      try {
        hasher.init();
        for (let read = readSync(fd, buffer, 0, CHUNK, null); read > 0; read = readSync(fd, buffer, 0, CHUNK, null)) {
          const chunk = read === CHUNK ? buffer : buffer.subarray(0, read);
          hasher.update(chunk);
          each?.(chunk);
        }
        return hasher.digest('hex');
      } finally {
        closeSync(fd);
      }
    },
    json: (value) => of(canonicalJson(value)),
  };
}

/**
 * JSON with object keys sorted at every level, so equal values always give equal text. Written out by hand: a
 * replacer function re-building every object cost ~10 ms per 1,000 input files of a key.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return canonicalJson((value as { toJSON(): unknown }).toJSON());
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined || typeof item === 'function' ? 'null' : canonicalJson(item))).join(',')}]`;
  const parts: string[] = [];
  for (const key of Object.keys(value).sort()) {
    const inner = (value as Record<string, unknown>)[key];
    if (inner === undefined || typeof inner === 'function') continue;
    parts.push(`${JSON.stringify(key)}:${canonicalJson(inner)}`);
  }
  return `{${parts.join(',')}}`;
}
