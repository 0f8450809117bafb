// The version serve and mcp announce: our package.json's, found from wherever this bundle runs.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageVersionFrom } from '../engine/package-version.js';

export function packageVersion(): string {
  return packageVersionFrom(dirname(fileURLToPath(import.meta.url))) ?? '0.0.0';
}
