// Launches the real main (app.ts) against the fake Electron, on a temporary data folder and a copy of a fixture project.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { onTestFinished } from 'vitest';
import type { Reply } from '../../../shared/ipc.js';
import { launchApp, type RunningApp } from '../../../electron/main/app.js';
import { INVOKE_CHANNEL } from '../../../electron/main/channels.js';
import type { WindowState, WindowStateStore } from '../../../electron/main/window-state.js';
import { state } from './fake-electron.js';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
export const MAIN_DIR = join(ROOT, 'dist', 'electron');
export const APP_URL = 'app://codomyrmex/index.html';
export const RENDERER_DIR = join(ROOT, 'dist', 'renderer');

export function memoryStore(saved?: unknown): WindowStateStore & { saved: unknown; saves: WindowState[] } {
  const store = {
    saved,
    saves: [] as WindowState[],
    load: () => store.saved,
    save: (next: WindowState) => {
      store.saves.push(next);
      store.saved = next;
    },
  };
  return store;
}

export interface Launched {
  app: RunningApp;
  home: string;
  project: string;
}

export async function launch(options: { stateStore?: WindowStateStore; fixture?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Launched> {
  const home = mkdtempSync(join(tmpdir(), 'codomyrmex-electron-home-'));
  const project = mkdtempSync(join(tmpdir(), 'codomyrmex-electron-project-'));
  cpSync(join(ROOT, 'test', 'fixtures', options.fixture ?? 'e2e-project'), project, { recursive: true });
  const app = await launchApp({
    argv: ['electron', 'dist/electron/main.js', '--project', project],
    env: { ...options.env, CODOMYRMEX_HOME: home },
    mainDir: MAIN_DIR,
    stateStore: options.stateStore ?? memoryStore(),
  });
  if (app === null) throw new Error('the app did not start (single-instance lock refused)');
  onTestFinished(async () => {
    await app.shutdown();
    rmSync(home, { recursive: true, force: true });
    rmSync(project, { recursive: true, force: true });
  });
  return { app, home, project };
}

/** Calls the handler main registered on the invoke channel, as Electron would for a frame at `url`. */
export async function invoke(command: unknown, request?: unknown, url: string | null = APP_URL): Promise<Reply> {
  const handler = state.handlers.get(INVOKE_CHANNEL);
  if (handler === undefined) throw new Error(`nothing handles ${INVOKE_CHANNEL}`);
  return (await handler({ senderFrame: url === null ? null : { url } }, command, request)) as Reply;
}
