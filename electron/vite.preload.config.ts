// Builds the preload into dist/electron/preload.cjs: sandboxed preloads must be one CommonJS file.
import { defineConfig } from 'vite';

export default defineConfig({
  publicDir: false,
  logLevel: 'warn',
  build: {
    ssr: 'electron/preload/preload.ts',
    outDir: 'dist/electron',
    emptyOutDir: false,
    target: 'chrome140',
    sourcemap: true,
    minify: false,
    reportCompressedSize: false,
    rolldownOptions: {
      external: ['electron'],
      output: { format: 'cjs', entryFileNames: 'preload.cjs', codeSplitting: false },
    },
  },
  ssr: { noExternal: true, target: 'node' },
});
