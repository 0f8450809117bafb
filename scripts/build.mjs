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
  // The process host stays tiny: Node built-ins only, no banner, so it starts and forks as fast as a bare script.
  build({ ...common, banner: {}, entryPoints: { 'process-host': 'electron/engine/process-host.ts' }, outdir: 'dist', sourcemap: false }),
]);
if (!process.argv.includes('--no-types')) {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
}
