// Lint: TypeScript rules plus the fence of STYLE.md — what each layer may import and which environment globals it may touch, and no cycles.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Every Node builtin by name, bare and with `node:`, and those that exist only as `node:…` (not all Node versions list them).
const NODE_PREFIX_ONLY = ['node:sea', 'node:sqlite', 'node:test', 'node:test/reporters'];
const nodeBuiltins = (except = []) => [
  ...new Set([...builtinModules.filter((name) => !except.includes(name)).flatMap((name) => [name, `node:${name}`]), ...NODE_PREFIX_ONLY]),
];
// Globals one environment has and the other lacks, each side may touch only its own. Web storage counts as the
// browser's though Node 22 has it too.
const NODE_ONLY_GLOBALS = Object.keys(globals.node).filter((name) => !(name in globals.browser));
const BROWSER_ONLY_GLOBALS = [...Object.keys(globals.browser).filter((name) => !(name in globals.node)), 'localStorage', 'sessionStorage', 'Storage'];
// What a pure file may touch besides the language: what both sides have and does no I/O (shared/universal-globals.d.ts
// declares the ones shared/ uses, for its tsconfig has neither DOM nor Node types).
const UNIVERSAL_GLOBALS = ['AbortController', 'AbortSignal', 'atob', 'btoa', 'clearInterval', 'clearTimeout', 'console', 'DOMException', 'Event', 'EventTarget', 'queueMicrotask', 'setInterval', 'setTimeout', 'structuredClone', 'Temporal', 'TextDecoder', 'TextEncoder', 'URL', 'URLSearchParams', 'WebAssembly'];
const ENVIRONMENT_GLOBALS = [...new Set([...Object.keys(globals.node), ...Object.keys(globals.browser)])].filter((name) => !UNIVERSAL_GLOBALS.includes(name));
// What a sandboxed preload may take from electron (the rest is main-process API); `import type` of its types too.
const PRELOAD_ELECTRON = ['contextBridge', 'ipcRenderer', 'webFrame', 'webUtils', 'crashReporter', 'nativeImage', 'IpcRenderer', 'IpcRendererEvent'];
// A sandboxed preload can require only these builtins (Electron's docs, "Process Sandboxing").
const PRELOAD_BUILTINS = ['events', 'timers', 'url'];
const ELECTRON = ['electron', 'electron/*', 'electron-store'];
// Packages that need Node or Electron, refused by name where the layer has neither.
const NODE_PACKAGES = ['electron', 'better-sqlite3', 'electron-store', 'conf'];
// What the engine may not reach: everything outside it but shared/.
const OUTSIDE_THE_ENGINE = [...ELECTRON, '**/main/**', '**/preload/**', '**/doors/**', '**/renderer/**'];

/**
 * One layer's fence: `builtins`/`packages`/`modules` are refused by exact name, `patterns` by path (other layers'
 * folders), `globals` by name; each refusal says why in `message`.
 */
function fence({ files, message, builtins = [], packages = [], modules = [], patterns = [], globals: refused = [], extraGlobals = [] }) {
  const paths = [
    ...builtins.map((name) => ({ name, message: `${message} (${name} is a Node builtin)` })),
    ...packages.map((name) => ({ name, message: `${message} (${name} needs Node or Electron)` })),
    ...modules,
  ];
  return {
    files,
    rules: {
      'no-restricted-imports': ['error', { paths, patterns: patterns.length > 0 ? [{ group: patterns, message }] : [] }],
      ...(refused.length + extraGlobals.length > 0
        ? { 'no-restricted-globals': ['error', ...refused.map((name) => ({ name, message: `${message} (${name} is an environment global)` })), ...extraGlobals] }
        : {}),
    },
  };
}

const BLOCKING_DIALOGS = ['prompt', 'alert', 'confirm'];
const NO_BLOCKING_DIALOG = 'Ask through the app\'s Dialogs (renderer/ui/dialogs.ts): window.prompt does not exist in Electron.';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'release/**', 'coverage/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // No import cycles anywhere: a cycle means two files are one idea, or one of them holds a third. Dynamic
    // imports count (they run, later); type-only imports do not (import-x skips them). Packages are not followed.
    files: ['**/*.{ts,tsx,mts,js,mjs}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.mts', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx', '.mts'] },
      'import-x/external-module-folders': ['node_modules'],
      // NodeNext imports name the built `.js`; the source is the `.ts`/`.tsx` beside it.
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs', '.json'], extensionAlias: { '.js': ['.ts', '.tsx', '.js'], '.mjs': ['.mts', '.mjs'] } })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    // Benchmarks and end-to-end tests hand functions to the page: they run in the browser.
    files: ['scripts/bench/ui.mjs', 'test/e2e/**/*.ts', 'test/electron/**/*.ts'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  {
    // The templates' scripts are real files, linted as what they are: Node ES modules, and the page's own script.
    files: ['templates/*/files/**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node }, sourceType: 'module' },
  },
  {
    files: ['templates/*/files/public/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
  fence({
    files: ['shared/**/*.ts'],
    message: 'shared/ is pure: it imports neither the engine, Electron, Node nor the renderer, and touches no environment global (take it as a parameter)',
    builtins: nodeBuiltins(),
    packages: NODE_PACKAGES,
    patterns: ['**/electron/**', 'electron/*', '**/renderer/**'],
    globals: ENVIRONMENT_GLOBALS,
  }),
  fence({
    files: ['electron/engine/**/*.ts'],
    message: 'The engine is plain Node: it never imports electron, nor the doors, main, preload or renderer (dependencies point inward), and touches no browser global',
    patterns: OUTSIDE_THE_ENGINE,
    globals: BROWSER_ONLY_GLOBALS,
  }),
  {
    // Node's recursive mkdir loops for ever where a file system refuses new folders with ENOENT (/proc): a settings
    // value or a project path there hung the engine. electron/engine/make-folders.ts is the one way to make folders.
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...['name', 'property.name'].map((callee) => ({
        selector: `CallExpression[callee.${callee}=/^mkdir(Sync)?$/] > ObjectExpression > Property[key.name='recursive']`,
        message: 'Make folders with makeFolders (electron/engine/make-folders.ts): Node\'s recursive mkdir can loop for ever.',
      }))],
    },
  },
  fence({
    // Storage keeps what runs tell it (store/run-recorder.ts is its port): it never imports the scheduler.
    files: ['electron/engine/store/**/*.ts'],
    message: 'Storage never imports the run path (runs/): the run hands it records through store/run-recorder.ts',
    patterns: [...OUTSIDE_THE_ENGINE, '**/runs/**'],
    globals: BROWSER_ONLY_GLOBALS,
  }),
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  fence({
    files: ['renderer/**/*.{ts,tsx}'],
    message: 'The renderer talks only to the typed API: it imports shared/, never the engine, Electron or Node, and touches no Node global',
    builtins: nodeBuiltins(),
    packages: NODE_PACKAGES,
    patterns: ['**/electron/**', 'electron/*'],
    globals: NODE_ONLY_GLOBALS,
    // Electron has no window.prompt (it throws) and its alert/confirm block the whole app: ask through Dialogs.
    extraGlobals: BLOCKING_DIALOGS.map((name) => ({ name, message: NO_BLOCKING_DIALOG })),
  }),
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-properties': ['error', ...['window', 'globalThis', 'self'].flatMap((object) => BLOCKING_DIALOGS.map((property) => ({ object, property, message: NO_BLOCKING_DIALOG })))],
    },
  },
  fence({
    files: ['electron/preload/**/*.ts'],
    message: 'The preload exposes the contract only: electron\'s preload parts, never the engine, main, the doors or the renderer',
    builtins: nodeBuiltins(PRELOAD_BUILTINS),
    modules: [{ name: 'electron', allowImportNames: PRELOAD_ELECTRON, message: `A sandboxed preload has only electron's ${PRELOAD_ELECTRON.join(', ')}.` }],
    patterns: ['electron/*', 'electron-store', '**/engine/**', '**/main/**', '**/doors/**', '**/renderer/**'],
  }),
  fence({
    files: ['electron/main/**/*.ts'],
    message: 'electron/main imports Electron, the engine and shared/ only: never the renderer, the doors or the preload, and touches no browser global',
    patterns: ['**/renderer/**', '**/doors/**', '**/preload/**'],
    globals: BROWSER_ONLY_GLOBALS,
  }),
  fence({
    files: ['electron/doors/**/*.ts'],
    message: 'The doors (CLI, serve, MCP) run without Electron: never electron, main, the preload or the renderer, and no browser global',
    patterns: [...ELECTRON, '**/main/**', '**/preload/**', '**/renderer/**'],
    globals: BROWSER_ONLY_GLOBALS,
  }),
);
