// The lint fence has its own test: each layer refuses the imports and globals of the wrong side, and no cycles.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((message) => message.ruleId ?? message.message);
}

// One file per layer, one thing it may not touch of each kind, and one it may.
const LAYERS = [
  { layer: 'shared', file: 'shared/x.ts', refusedImports: ['fs', 'node:fs', 'path', 'node:child_process', 'node:test', 'electron', '../electron/engine/api.js', '../renderer/app/App.js'], refusedGlobals: ['process.env.HOME', 'window.location', 'document.title', 'localStorage.length', 'Buffer.from("")', '__dirname', 'fetch("x")', 'navigator.language'], allowedImport: './model.js', allowedGlobal: 'setTimeout(() => console.warn(new URL("x:y")), 1)' },
  { layer: 'renderer', file: 'renderer/editor/x.ts', refusedImports: ['path', 'node:path', 'fs/promises', 'electron', 'better-sqlite3', '../../electron/engine/api.js'], refusedGlobals: ['process.env.HOME', 'typeof require', '__dirname', 'Buffer.from("")'], allowedImport: '../../shared/model.js', allowedGlobal: 'window.location.href' },
  { layer: 'engine', file: 'electron/engine/runs/x.ts', refusedImports: ['electron', 'electron/main', 'electron-store', '../../doors/cli/commands.js', '../../main/app.js', '../../../renderer/app/App.js'], refusedGlobals: ['window.location', 'document.title', 'localStorage.length'], allowedImport: 'node:fs', allowedGlobal: 'process.env.HOME' },
  { layer: 'storage', file: 'electron/engine/store/x.ts', refusedImports: ['../runs/execution-run.js', 'electron', '../../doors/cli/commands.js'], refusedGlobals: ['window.location'], allowedImport: './run-recorder.js', allowedGlobal: 'process.env.HOME' },
  { layer: 'doors', file: 'electron/doors/cli/x.ts', refusedImports: ['electron', '../../main/app.js', '../../preload/bridge.js', '../../../renderer/app/App.js'], refusedGlobals: ['window.location', 'document.title'], allowedImport: '../../engine/api.js', allowedGlobal: 'process.env.HOME' },
  { layer: 'main', file: 'electron/main/x.ts', refusedImports: ['../doors/cli/commands.js', '../preload/bridge.js', '../../renderer/app/App.js'], refusedGlobals: ['window.location', 'document.title'], allowedImport: 'electron', allowedGlobal: 'process.env.HOME' },
  { layer: 'preload', file: 'electron/preload/x.ts', refusedImports: ['fs', 'node:child_process', '../engine/api.js', '../main/app.js', 'electron/main'], refusedGlobals: [], allowedImport: 'node:events', allowedGlobal: 'process.platform' },
] as const;

describe('each layer\'s lint fence', () => {
  for (const { layer, file, refusedImports, refusedGlobals, allowedImport, allowedGlobal } of LAYERS) {
    it(`${layer} refuses ${refusedImports.join(', ')} by import, each on its own`, async () => {
      for (const source of refusedImports) {
        expect(await ruleIds(`import '${source}';\n`, file), `${layer} importing ${source}`).toEqual(['no-restricted-imports']);
      }
    });

    if (refusedGlobals.length > 0) {
      it(`${layer} refuses the environment globals ${refusedGlobals.join(', ')}`, async () => {
        for (const expression of refusedGlobals) {
          expect(await ruleIds(`export const a = (): unknown => ${expression};\n`, file), `${layer} touching ${expression}`).toEqual(['no-restricted-globals']);
        }
      });
    }

    it(`${layer} accepts ${allowedImport} and ${allowedGlobal}`, async () => {
      expect(await ruleIds(`import '${allowedImport}';\nexport const a = (): unknown => ${allowedGlobal};\n`, file)).toEqual([]);
    });
  }

  it('the preload takes electron\'s preload parts and refuses its main-process API', async () => {
    const file = 'electron/preload/x.ts';
    expect(await ruleIds('import { contextBridge, ipcRenderer } from \'electron\';\nexport const a = [contextBridge, ipcRenderer];\n', file)).toEqual([]);
    expect(await ruleIds('import type { IpcRendererEvent } from \'electron\';\nexport type A = IpcRendererEvent;\n', file)).toEqual([]);
    expect(await ruleIds('import { app } from \'electron\';\nexport const a = app;\n', file)).toEqual(['no-restricted-imports']);
    expect(await ruleIds('import { BrowserWindow, contextBridge } from \'electron\';\nexport const a = [BrowserWindow, contextBridge];\n', file)).toEqual(['no-restricted-imports']);
  });

  it('a global shadowed by a local name is the local, not the environment', async () => {
    expect(await ruleIds('export const a = (process: { env: string }): unknown => process.env;\n', 'shared/x.ts')).toEqual([]);
  });
});

describe('the renderer\'s blocking dialogs', () => {
  it('refuses window.prompt, alert and confirm, bare or through window', async () => {
    const code = 'export const a = (): unknown => [window.prompt("x"), alert("y"), confirm("z"), globalThis.confirm("w")];\n';
    expect(await ruleIds(code, 'renderer/editor/bad.ts')).toEqual(['no-restricted-properties', 'no-restricted-globals', 'no-restricted-globals', 'no-restricted-properties']);
  });

  it('leaves other folders and other window members alone', async () => {
    expect(await ruleIds('export const a = (): unknown => window.location.href;\n', 'renderer/editor/fine.ts')).toEqual([]);
    expect(await ruleIds('export const a = (text: string): unknown => globalThis.confirm?.(text);\n', 'scripts/bench/x.ts')).toEqual([]);
  });
});

describe('making folders', () => {
  it('Node\'s recursive mkdir is refused in electron/, plain mkdir accepted', async () => {
    const file = 'electron/engine/cache/x.ts';
    const head = 'import * as fs from \'node:fs\';\nimport { mkdirSync, promises as fsp } from \'node:fs\';\n';
    for (const call of ['mkdirSync(dir, { recursive: true })', 'fs.mkdirSync(dir, { recursive: true })', 'fsp.mkdir(dir, { recursive: true })']) {
      expect(await ruleIds(`${head}export const a = (dir: string): unknown => [fs, fsp, mkdirSync, ${call}];\n`, file), call).toEqual(['no-restricted-syntax']);
    }
    expect(await ruleIds(`${head}export const a = (dir: string): unknown => [fs, fsp, mkdirSync(dir)];\n`, file)).toEqual([]);
  });
});

describe('import cycles', () => {
  // Real files on disk (the cycle rule follows imports through the resolver), in a scratch tree linted by our config.
  const root = mkdtempSync(join(tmpdir(), 'lint-cycle-'));
  const scratch = new ESLint({ cwd: root, overrideConfigFile: join(process.cwd(), 'eslint.config.js') });
  mkdirSync(join(root, 'shared'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const write = (name: string, code: string): string => {
    writeFileSync(join(root, 'shared', name), code);
    return join(root, 'shared', name);
  };

  it('are refused, a dynamic import included, on every file of the cycle', async () => {
    const a = write('a.ts', 'import { b } from \'./b.js\';\nexport const a = (): number => b + 1;\n');
    const b = write('b.ts', 'export const b = 1;\nexport const later = async (): Promise<unknown> => (await import(\'./a.js\')).a;\n');
    const results = await scratch.lintFiles([a, b]);
    expect(results.map((result) => result.messages.map((message) => message.ruleId))).toEqual([['import-x/no-cycle'], ['import-x/no-cycle']]);
  });

  it('leave a one-way chain and a type-only back-reference alone', async () => {
    const c = write('c.ts', 'import type { D } from \'./d.js\';\nexport type C = { d?: D };\nexport const c = 1;\n');
    const d = write('d.ts', 'import { c } from \'./c.js\';\nexport type D = number;\nexport const d = c + 1;\n');
    const results = await scratch.lintFiles([c, d]);
    expect(results.map((result) => result.messages.map((message) => message.ruleId))).toEqual([[], []]);
  });
});
