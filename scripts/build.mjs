// Builds the Node side: the CLI as lean ESM chunks (loaded per command) and the engine library, plus type declarations.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: 'linked',
  legalComments: 'none',
  // Native and CommonJS-only dependencies stay in node_modules; the rest is bundled so start-up resolves few files.
  external: ['better-sqlite3'],
  banner: { js: 'import { createRequire as __codomyrmexRequire } from "node:module"; const require = __codomyrmexRequire(import.meta.url);' },
  logLevel: 'warning',
};

rmSync('dist', { recursive: true, force: true });
await Promise.all([
  build({ ...common, entryPoints: { main: 'electron/host/cli/main.ts' }, outdir: 'dist/cli', splitting: true, chunkNames: 'chunks/[name]-[hash]' }),
  build({ ...common, entryPoints: { index: 'electron/engine/index.ts' }, outdir: 'dist/engine' }),
]);
if (!process.argv.includes('--no-types')) {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
}
