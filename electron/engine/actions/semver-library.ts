// The semver library, loaded on first use: only environment_setup steps need it, so `run` of other workflows never pays.
import { createRequire } from 'node:module';
import type Semver from 'semver';

let library: typeof Semver | null = null;

export function semverLibrary(): typeof Semver {
  return (library ??= createRequire(import.meta.url)('semver') as typeof Semver);
}
