// Builds Electron's main process into dist/electron/main.js (ESM): the engine and electron-store are bundled,
// Electron, Node's built-ins and native modules stay external.
import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

// Native (or runtime-required) packages are loaded from node_modules, rebuilt for Electron by electron-builder.
const EXTERNAL = ['electron', 'better-sqlite3', 'yaml'];
const isExternal = (id: string): boolean =>
  id.startsWith('node:') || builtinModules.includes(id) || EXTERNAL.some((name) => id === name || id.startsWith(`${name}/`));

export default defineConfig({
  // Only dist/electron is ours: the renderer and the CLI are built into dist/ by other steps, concurrently.
  publicDir: false,
  logLevel: 'warn',
  build: {
    ssr: 'electron/main/main.ts',
    outDir: 'dist/electron',
    emptyOutDir: false,
    target: 'node22',
    sourcemap: true,
    minify: false,
    reportCompressedSize: false,
    rolldownOptions: {
      // A report of the machine's load while building, not of the code (see vite.config.ts).
      checks: { bundlerTimings: false },
      external: isExternal,
      output: { format: 'es', entryFileNames: 'main.js', chunkFileNames: 'main-[name]-[hash].js' },
    },
  },
  ssr: { noExternal: true, target: 'node' },
});
