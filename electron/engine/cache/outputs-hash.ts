// The output hash of a step that is not cached (or was kept from an earlier run): its recorded outputs' canonical
// JSON, hashed synchronously where the scheduler needs it. A cached step's own hash comes from its executor.
import { createHash } from 'node:crypto';
import { canonicalJson } from './hashing.js';

export function outputsHash(outputs: Record<string, unknown>): string {
  return createHash('sha1').update(canonicalJson({ outputs })).digest('hex');
}
