// Builds everything: the CLI as one script V8 can cache compiled (bin/codomyrmex.js loads it), the engine library, the
// process host, the renderer and Electron's main and preload (Vite), and type declarations.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { build } from 'esbuild';

// zod bundles its messages in some forty languages, a third of the CLI's code to compile at every start; we speak
// English only, so `z.locales` holds just that.
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => (args.importer.includes(`${sep}zod${sep}`) ? { path: args.importer, namespace: 'zod-locales' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({ contents: "export { default as en } from '../locales/en.js';", resolveDir: dirname(args.path) }));
  },
};

// pino-roll requires date-fns (all of it: ~370 kB, ~30 ms to load) only for date-named files and time-based rotation,
// which the engine log does not use (it rotates by size; electron/engine/logging/rolling-log-file.ts). Its five
// functions are bundled as stubs that say so, should a future option reach them.
const dateFnsUnusedByPinoRoll = {
  name: 'date-fns-unused-by-pino-roll',
  setup(build) {
    build.onResolve({ filter: /^date-fns$/ }, (args) => (args.importer.includes(`${sep}pino-roll${sep}`) ? { path: 'date-fns', namespace: 'pino-roll-date-fns' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'pino-roll-date-fns' }, () => ({
      contents: ['format', 'addDays', 'addHours', 'parse', 'isValid']
        .map((name) => `export function ${name}() { throw new Error('pino-roll: date-based file names and rotation are not part of this build (date-fns.${name})'); }`)
        .join('\n'),
    }));
  },
};

// pino loads its worker-thread transports (thread-stream: worker_threads, assert) at its top, and sonic-boom loads
// assert for one check: 10 built-in modules and 3-7 ms of CPU in every command's start-up, for transports the engine
// log never uses (it writes through its own destination: rolling-log-file.ts). They load on first use instead. A new
// release whose text differs is bundled as it is (and the milliseconds come back): no build breaks over it. The
// replacements hold no `$`, which String.replace would read as a pattern.
const lazyEdits = {
  [`pino${sep}lib${sep}tools.js`]: [
    ["const { isMainThread } = require('worker_threads')", "const threads = () => require('worker_threads')"],
    ['if (!opts.sync && isMainThread) {', 'if (!opts.sync && threads().isMainThread) {'],
    ["const transport = require('./transport')", "const transport = (options) => require('./transport')(options)"],
  ],
  [`pino${sep}pino.js`]: [["module.exports.transport = require('./lib/transport')", "module.exports.transport = (options) => require('./lib/transport')(options)"]],
  [`sonic-boom${sep}index.js`]: [["const assert = require('assert')", "const assert = (value, message) => require('assert')(value, message)"]],
};
const pinoThreadsOnUse = {
  name: 'pino-threads-on-use',
  setup(build) {
    build.onLoad({ filter: /[\\/](pino[\\/]lib[\\/]tools|pino[\\/]pino|sonic-boom[\\/]index)\.js$/ }, (args) => {
      const edits = Object.entries(lazyEdits).find(([file]) => args.path.endsWith(`${sep}node_modules${sep}${file}`))?.[1];
      let text = readFileSync(args.path, 'utf8');
      if (edits === undefined || !edits.every(([from]) => text.split(from).length === 2)) return undefined;
      for (const [from, to] of edits) text = text.replace(from, to);
      return { contents: text, loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

// fdir (tinyglobby's walker) loads picomatch at its top through a `require` from node_modules: resolved, read and
// compiled at every start (~3 ms), outside the code cache, although tinyglobby's own import has it bundled already.
// Its loader is given that bundled module instead, as fdir would have found it.
const fdirBundledPicomatch = {
  name: 'fdir-bundled-picomatch',
  setup(build) {
    build.onLoad({ filter: /[\\/]fdir[\\/]dist[\\/]index\.mjs$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const load = '__require.resolve("picomatch");\n\tpm = __require("picomatch");';
      // A new fdir that loads it otherwise is bundled as it is (and the ~3 ms come back): no build breaks over it.
      if (!text.includes(load)) return undefined;
      return { contents: `import __bundledPicomatch from "picomatch";\n${text.replace(load, 'pm = __bundledPicomatch;')}`, loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

// The CLI bundles better-sqlite3's JavaScript (so it is in the code cache, not a dozen files resolved and compiled at
// every start) but not its addon: the `bindings` lookup it would run (a search of a dozen folders, from its own path)
// becomes a load of the addon from where the package is installed.
const betterSqliteAddon = {
  name: 'better-sqlite3-addon',
  setup(build) {
    build.onResolve({ filter: /^bindings$/ }, (args) => (args.importer.includes(`${sep}better-sqlite3${sep}`) ? { path: 'bindings', namespace: 'better-sqlite3-addon' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'better-sqlite3-addon' }, () => ({
      // The package is named through a variable: it is found at run time, in node_modules, not bundled again.
      contents: "const { dirname, join } = require('node:path');\nconst pkg = 'better-sqlite3';\nmodule.exports = (name) => require(join(dirname(require.resolve(pkg)), '..', 'build', 'Release', name));",
      loader: 'js',
    }));
  },
};

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
  plugins: [zodEnglishOnly, dateFnsUnusedByPinoRoll, fdirBundledPicomatch, pinoThreadsOnUse],
  logLevel: 'warning',
};

const only = (name) => !process.argv.includes(`--no-${name}`);

// Browser mode's first view, rendered by `serve` into the app's page (renderer/first-view/render-first-view.tsx): the
// app's frame and dashboard, from the renderer's own components, run in Node with React's server renderer. The other
// views are never rendered there: their chunks (React Flow, the run views, the editor's forms: 0.9 MB of 1.2) stay
// out, as imports that are never taken.
const firstViewOnly = {
  name: 'first-view-only',
  setup(build) {
    build.onResolve({ filter: /View\.js$/ }, (args) => (args.importer.endsWith(`app${sep}lazy-views.ts`) ? { path: args.path, external: true } : undefined));
  },
};
const firstView = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  legalComments: 'none',
  jsx: 'automatic',
  loader: { '.css': 'empty' },
  define: { 'process.env.NODE_ENV': '"production"' },
  plugins: [firstViewOnly],
  logLevel: 'warning',
};

// The CLI is a CommonJS script, not ES modules: Node 20 can hand V8 a code cache only for a script (vm.Script), and
// compiling the CLI's code was a third of a 1-step run's start-up. Its `import()`s become lazy parts of the one file.
// The queue's packages (bullmq, ioredis: 2.3 MB, for --redis and `worker` only) and the MCP SDK stay in
// node_modules, so that every other command reads a 2.2 MB script instead of a 5 MB one.
const cli = {
  ...common,
  format: 'cjs',
  external: ['bullmq', 'ioredis', '@modelcontextprotocol/sdk', '@modelcontextprotocol/sdk/*'],
  plugins: [...common.plugins, betterSqliteAddon],
  // Every start reads the whole script into a string (the code cache does not hold the source): without its
  // indentation and line breaks it is 2.0 MB, not 2.7 MB. Names stay, so stack traces still read (and map back).
  minifyWhitespace: true,
  define: { 'import.meta.url': '__codomyrmexScriptUrl' },
  // Wrapped as Node wraps a CommonJS module, so that bin/codomyrmex.js compiles the file's text as it is, uncopied;
  // strict from its first line, as the ES modules it was made of (esbuild's own "use strict" comes after the banner).
  banner: { js: '(function (exports, require, module, __filename, __dirname) {"use strict";\nvar __codomyrmexScriptUrl = require("node:url").pathToFileURL(__filename).href;' },
  footer: { js: '})' },
};

// Each part clears only its own output, so parts can be rebuilt alone (`--no-renderer`, `--no-electron`, `--no-types`).
for (const part of ['dist/cli', 'dist/engine', 'dist/first-view.cjs', 'dist/process-host.js', 'dist/process-host.cjs', 'dist/electron/utility-host.js']) rmSync(part, { recursive: true, force: true });
await Promise.all([
  build({ ...cli, entryPoints: { main: 'electron/doors/cli/main.ts' }, outfile: 'dist/cli/main.cjs' }),
  build({ ...common, entryPoints: { index: 'electron/engine/index.ts' }, outdir: 'dist/engine' }),
  // The process host stays tiny: Node built-ins only, no banner, so it starts and forks as fast as a bare script. The
  // engine forks its CommonJS build: a CommonJS script runs in the process's first turn, before its IPC channel is read
  // (an ES module entry loads over several turns, and a message read meanwhile is dropped: the trees of commands the
  // engine started itself, sent as the host starts, must reach it even if the engine dies right then); it also starts
  // ~20 modules leaner, without Node's ES module loader. Electron's utility host imports the ES module build.
  build({ ...common, banner: {}, entryPoints: { 'process-host': 'electron/engine/processes/process-host.ts' }, outdir: 'dist', sourcemap: false }),
  build({ ...common, format: 'cjs', banner: {}, entryPoints: { 'process-host': 'electron/engine/processes/process-host.ts' }, outExtension: { '.js': '.cjs' }, outdir: 'dist', sourcemap: false }),
  build({ ...firstView, entryPoints: { 'first-view': 'renderer/first-view/render-first-view.tsx' }, outExtension: { '.js': '.cjs' }, outdir: 'dist' }),
  // Its adapter for Electron's utility processes (the desktop app cannot fork: see electron/main/utility-host.ts).
  build({ ...common, banner: {}, entryPoints: { 'electron/utility-host': 'electron/main/utility-host-main.ts' }, outdir: 'dist', sourcemap: false }),
]);

// The bundle names its own hash on its last line: bin/codomyrmex.js keys the code cache by it. A first `run` of a small
// workflow then writes that cache (dist/cli/code-cache/), so the first command a user types starts warm too.
// esbuild writes strings and regular expressions in ASCII but keeps comments as they are: their few other characters
// become "?", so that the script is read as Latin-1 into a one-byte string (half the memory, no UTF-8 decoding).
const cliScript = 'dist/cli/main.cjs';
const cliText = readFileSync(cliScript, 'utf8').replace(/[^\0-\x7f]/g, '?');
writeFileSync(cliScript, `${cliText}\n//# codomyrmex-build=${createHash('sha256').update(cliText).digest('hex').slice(0, 16)}\n`);
const warmUp = mkdtempSync(join(tmpdir(), 'codomyrmex-warm-up-'));
try {
  const { CODOMYRMEX_LOG_LEVEL: _level, ...env } = process.env;
  execFileSync(process.execPath, ['bin/codomyrmex.js', 'run', 'scripts/code-cache-warm-up.yaml', '--cwd', warmUp], { stdio: 'ignore', env: { ...env, CODOMYRMEX_HOME: warmUp } });
} catch (error) {
  process.stderr.write(`build: the CLI's warm-up run failed (its code cache is written at its first run instead): ${error.message}\n`);
} finally {
  rmSync(warmUp, { recursive: true, force: true });
}

// The sample project and the built-in templates are data: their files are copied as they are, beside the code that
// finds them (electron/engine/projects/: sample-project.ts, templates/index.ts).
for (const data of ['samples', 'templates']) {
  rmSync(`dist/${data}`, { recursive: true, force: true });
  cpSync(data, `dist/${data}`, { recursive: true });
}

// Vite builds: the renderer, then Electron's main and preload (where their configs exist).
const vite = (config) => execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn', ...(config ? ['--config', config] : [])], { stdio: 'inherit' });
if (only('renderer') && existsSync('vite.config.ts')) vite();
for (const config of ['electron/vite.main.config.ts', 'electron/vite.preload.config.ts', 'electron/vite.config.ts']) {
  if (only('electron') && existsSync(config)) vite(config);
}

if (only('types')) {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
}
