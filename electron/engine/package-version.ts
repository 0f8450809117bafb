// Our package.json's version, found by walking up from a folder (a bundle in dist/…, the repo, an installed package).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The version of codomyrmex-orchestrator's package.json at or above `dir`, or null when there is none. */
export function packageVersionFrom(dir: string): string | null {
  for (let current = dir; ; current = dirname(current)) {
    const file = join(current, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'codomyrmex-orchestrator' && pkg.version !== undefined) return pkg.version;
    }
    if (dirname(current) === current) return null;
  }
}
