// Builds the renderer: root renderer/, relative asset paths (Electron loads it from file://), into dist/renderer.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    // Clears dist/renderer only; the rest of dist/ belongs to other builds.
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
    // The plugin-timing report measures the machine's load (it shows when other work shares the cores), not a
    // problem in our code: `npm start` prints only what needs its user's attention.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
});
