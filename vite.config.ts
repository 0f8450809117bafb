// Builds the renderer: root renderer/, relative asset paths (Electron loads it from file://), into dist/renderer.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type HtmlTagDescriptor, type Plugin } from 'vite';

/**
 * The app's chunk, its imports and its styles named in the page's head: the browser fetches them beside the small entry
 * chunk (main.tsx, which asks for the dashboard first), not only once that entry has run and imported them (measured
 * side by side: with the styles as a blocking stylesheet it was slower than no preload at all, as preloads it was faster).
 */
function preloadAppChunk(): Plugin {
  return {
    name: 'codomyrmex-preload-app-chunk',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context): HtmlTagDescriptor[] {
        const bundle = context.bundle ?? {};
        const app = Object.values(bundle).find(isAppChunk);
        if (app?.type !== 'chunk') return [];
        // Its imports and theirs: a chunk only its imports name was asked for once they had arrived and been parsed, a
        // round trip after the others (traced: graph.js requested 60–110 ms after the app chunk). The entry's own chunk
        // is in the page already.
        const imports = new Set<string>();
        const visit = (file: string): void => {
          const chunk = bundle[file];
          if (imports.has(file) || chunk?.type !== 'chunk' || chunk.isEntry) return;
          imports.add(file);
          chunk.imports.forEach(visit);
        };
        app.imports.forEach(visit);
        const link = (attrs: Record<string, string>, file: string): HtmlTagDescriptor => ({ tag: 'link', attrs: { ...attrs, crossorigin: true, href: `./${file}` }, injectTo: 'head' });
        // Styles preloaded, not linked: a stylesheet in the head holds back every script, the entry's early request too.
        return [
          ...[app.fileName, ...imports].map((file) => link({ rel: 'modulepreload' }, file)),
          ...[...(app.viteMetadata?.importedCss ?? [])].map((file) => link({ rel: 'preload', as: 'style' }, file)),
        ];
      },
    },
  };
}

const isAppChunk = (output: { type: string; facadeModuleId?: string | null }): boolean => output.type === 'chunk' && output.facadeModuleId?.endsWith('/app/start-app.tsx') === true;

/**
 * V8's compile hint on the app's chunk: every function in it is compiled while the file streams in, off the main thread,
 * rather than one by one on first call in the dashboard's first render (main-thread compile ~30 → ~17 ms, traced). V8
 * reads the comment only as the file's first line, so it goes in after Vite has put its preload map at the top, and the
 * source map's lines move down by one.
 */
function compileHintOnAppChunk(): Plugin {
  return {
    name: 'codomyrmex-compile-hint',
    apply: 'build',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        for (const output of Object.values(bundle)) {
          if (output.type !== 'chunk' || !isAppChunk(output)) continue;
          output.code = `//# allFunctionsCalledOnLoad\n${output.code}`;
          if (output.map) output.map.mappings = `;${output.map.mappings}`;
          const map = bundle[`${output.fileName}.map`];
          if (map?.type === 'asset') {
            const json = JSON.parse(String(map.source)) as { mappings: string };
            map.source = JSON.stringify({ ...json, mappings: `;${json.mappings}` });
          }
        }
      },
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react(), preloadAppChunk(), compileHintOnAppChunk()],
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
