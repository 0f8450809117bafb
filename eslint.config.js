// Lint: TypeScript rules plus the layering of STYLE.md — shared imports neither side, the engine never imports electron.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
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
  {
    files: ['shared/**/*.ts'],
    rules: restrict([
      { group: ['**/electron/**', 'electron', 'node:*', '**/renderer/**'], message: 'shared/ is pure: it imports neither the engine, Electron, Node nor the renderer.' },
    ]),
  },
  {
    files: ['electron/engine/**/*.ts'],
    rules: restrict([
      { group: ['electron', 'electron/*', 'electron-store'], message: 'The engine is plain Node: it never imports electron.' },
      { group: ['**/main/**', '**/preload/**', '**/host/**', '**/renderer/**'], message: 'Dependencies point inward: the engine imports only shared/.' },
    ]),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...restrict([
        { group: ['**/electron/**', 'electron', 'electron/*', 'node:*', 'better-sqlite3', 'conf', 'electron-store'], message: 'The renderer talks only to the typed API: it imports shared/, never the engine, Electron or Node.' },
      ]),
      // Electron has no window.prompt (it throws) and its alert/confirm block the whole app: ask through Dialogs.
      'no-restricted-globals': ['error', ...BLOCKING_DIALOGS.map((name) => ({ name, message: NO_BLOCKING_DIALOG }))],
      'no-restricted-properties': ['error', ...['window', 'globalThis', 'self'].flatMap((object) => BLOCKING_DIALOGS.map((property) => ({ object, property, message: NO_BLOCKING_DIALOG })))],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: restrict([
      { group: ['**/engine/**', '**/main/**', '**/host/**', '**/renderer/**'], message: 'The preload exposes the contract only.' },
    ]),
  },
  {
    files: ['electron/main/**/*.ts'],
    rules: restrict([
      { group: ['**/renderer/**', '**/host/**', '**/preload/**'], message: 'electron/main imports Electron, the engine and shared/ only: never the renderer, the hosts or the preload.' },
    ]),
  },
  {
    files: ['electron/doors/**/*.ts'],
    rules: restrict([
      { group: ['electron', 'electron/*', 'electron-store', '**/main/**', '**/preload/**', '**/renderer/**'], message: 'host/ runs without Electron.' },
    ]),
  },
);
