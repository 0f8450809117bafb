// The app's lifecycle: one instance, the engine hosted in main, the contract bound to IPC, one hardened window.
import { join } from 'node:path';
import { app, dialog, ipcMain, Menu, session, shell, type BrowserWindow } from 'electron';
import { setHostLauncher } from '../engine/processes/process-host-client.js';
import { defaultHome } from '../engine/store/paths.js';
import { appLocation, isAppUrl, mainDirOf, preloadPath } from './app-location.js';
import { handleAppProtocol, registerAppScheme } from './app-protocol.js';
import { createAppWindow, focusWindow } from './app-window.js';
import { appVersion } from './app-version.js';
import { guardUnsavedEdits } from './close-prompt.js';
import { handleDownloads } from './downloads.js';
import { closeEngineLog } from '../engine/logging/engine-log.js';
import { startEngine, startupLogLevel, startupProject, type MainEngine } from './main-engine.js';
import { contentSecurityPolicy, hardenSession } from './hardening.js';
import { bindContract, pushEvents } from './ipc-binding.js';
import { menuTemplate } from './menu.js';
import { showRunningRuns } from './run-badge.js';
import { utilityHostLauncher } from './utility-host-launcher.js';
import type { WindowStateStore } from './window-state.js';
import { electronWindowStateStore } from './window-state-store.js';

export interface LaunchOptions {
  argv?: readonly string[];
  env?: NodeJS.ProcessEnv;
  /** The folder of the built main (dist/electron): the preload and the renderer are found from it. */
  mainDir?: string;
  stateStore?: WindowStateStore;
}

export interface RunningApp {
  main: MainEngine;
  window(): BrowserWindow | null;
  /** Closes the engine (cancelling what runs) and unbinds IPC; what quitting does. */
  shutdown(): Promise<void>;
}

const PRODUCT_NAME = 'Codomyrmex Orchestrator';

/**
 * Chromium's profile and the window state live beside an explicit $CODOMYRMEX_HOME (so a test or a second data
 * folder is its own instance), else in the app's folder — named after the product in development too, not "Electron".
 */
function chooseUserData(env: NodeJS.ProcessEnv): void {
  if (env.CODOMYRMEX_HOME) app.setPath('userData', join(env.CODOMYRMEX_HOME, 'electron'));
  else if (!app.isPackaged) app.setPath('userData', join(app.getPath('appData'), PRODUCT_NAME));
}

/** Starts the app; resolves null in a second instance, which hands over to the first and quits. */
export async function launchApp(options: LaunchOptions = {}): Promise<RunningApp | null> {
  const env = options.env ?? process.env;
  // Before the lock: the single-instance lock is kept per userData folder.
  chooseUserData(env);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  const mainDir = options.mainDir ?? mainDirOf(import.meta.url);
  const location = appLocation(mainDir, env, app.isPackaged);
  const development = !app.isPackaged;
  let window: BrowserWindow | null = null;
  app.on('second-instance', () => focusWindow(window));
  registerAppScheme();

  await app.whenReady();
  if (location.kind === 'app') handleAppProtocol(location.root, contentSecurityPolicy(location));
  // Steps' process hosts run as utility processes: the runAsNode fuse leaves child_process.fork unusable here.
  setHostLauncher(utilityHostLauncher(join(mainDir, 'utility-host.js')));
  const main = startEngine({ version: appVersion(app.isPackaged, app.getVersion(), mainDir), home: defaultHome(env), project: startupProject(options.argv ?? process.argv, env), logLevel: startupLogLevel(options.argv ?? process.argv), env });
  hardenSession(session.defaultSession, location);
  handleDownloads(session.defaultSession, location, () => app.getPath('downloads'));
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(process.platform, app.name, {
    openDataFolder: () => void shell.openPath(main.engine.paths.home),
    openLogsFolder: () => void shell.openPath(main.engine.paths.logs),
  }, development)));
  const isOurs = (url: string): boolean => isAppUrl(url, location);
  const unbind = bindContract(ipcMain, main.api, isOurs);
  const stopEvents = pushEvents(main.api, () => (window !== null && !window.isDestroyed() ? window.webContents : null));
  const stopBadge = showRunningRuns(main.engine.events, app, main.engine.taskOrchestrator.activeExecutionIds());
  const stateStore = options.stateStore ?? (await electronWindowStateStore());
  const open = (): BrowserWindow => {
    const created = createAppWindow({ location, preload: preloadPath(mainDir), stateStore, shell, devTools: development });
    guardUnsavedEdits(created, { dialog, ipcMain, app, isAppUrl: isOurs });
    created.on('closed', () => (window = null));
    return created;
  };
  window = open();

  // macOS keeps the app (and its running workflows) alive without windows; the dock icon reopens one.
  app.on('activate', () => void (window === null ? (window = open()) : focusWindow(window)));
  app.on('window-all-closed', () => process.platform !== 'darwin' && app.quit());
  let closed: Promise<void> | null = null;
  const shutdown = (): Promise<void> => (closed ??= (async () => {
    stopEvents();
    unbind();
    await main.engine.close();
    await closeEngineLog();
    stopBadge();
  })());
  // After the windows closed (one with unsaved edits may keep the app running: see close-prompt.ts), quitting waits
  // for the engine to stop its steps' process trees and write their records.
  app.on('will-quit', (event) => {
    if (closed !== null) return;
    event.preventDefault();
    void shutdown().finally(() => app.quit());
  });
  return { main, window: () => window, shutdown };
}
