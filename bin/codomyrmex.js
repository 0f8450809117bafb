#!/usr/bin/env node
// The `codomyrmex` command: the built CLI, or a clear word on how to build it.
import { existsSync } from 'node:fs';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('codomyrmex: the CLI is not built yet; run `npm run build` (or `npm install`) in the repository first.\n');
  process.exit(2);
}
await import(main.href);
