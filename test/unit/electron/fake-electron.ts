// A stand-in for the `electron` module, for `vi.mock('electron', …)`: records what main and the preload ask of it.
import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import type { Socket } from 'node:net';
import { createInterface } from 'node:readline';
import { vi } from 'vitest';

type Handler = (event: unknown, ...args: unknown[]) => unknown;

export const state = {
  singleInstance: true,
  handlers: new Map<string, Handler>(),
  windows: [] as FakeBrowserWindow[],
  headersListener: null as null | ((details: { responseHeaders?: Record<string, string[]> }, callback: (response: { responseHeaders?: Record<string, string[]> }) => void) => void),
  permissionRequest: null as null | ((contents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl: string }) => void),
  permissionCheck: null as null | ((contents: unknown, permission: string, requestingOrigin: string, details: { requestingUrl?: string }) => boolean),
  menu: null as unknown,
  exposed: new Map<string, unknown>(),
  displays: [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
  utilityProcesses: [] as FakeUtilityProcess[],
  schemes: [] as { scheme: string; privileges: Record<string, boolean> }[],
  protocols: new Map<string, (request: Request) => Response | Promise<Response>>(),
  listeners: new Map<string, Set<Handler>>(),
  sessionListeners: new Map<string, Handler>(),
};

/** An event Electron hands to listeners that may cancel: records whether they did. */
export function fakeEvent(): { preventDefault: () => void; defaultPrevented: boolean } {
  const event = { defaultPrevented: false, preventDefault: () => void (event.defaultPrevented = true) };
  return event;
}

class FakeWebContents extends EventEmitter {
  readonly send = vi.fn();
  readonly reload = vi.fn();
  /** Whether the page's beforeunload handler asks to stay (it does on unsaved edits). */
  blocksUnload = false;
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  isDestroyed(): boolean {
    return false;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.openHandler = handler;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  readonly loaded: string[] = [];
  readonly maximize = vi.fn();
  readonly focus = vi.fn();
  readonly show = vi.fn();
  readonly restore = vi.fn();
  minimized = false;
  destroyed = false;
  title = 'Codomyrmex Orchestrator';
  /** Electron's order: 'close', then the page's beforeunload (will-prevent-unload when it objects), then 'closed'. */
  readonly close = vi.fn(() => {
    if (this.destroyed) return;
    this.emit('close', fakeEvent());
    if (this.webContents.blocksUnload) {
      const event = fakeEvent();
      this.webContents.emit('will-prevent-unload', event);
      if (!event.defaultPrevented) return;
    }
    this.destroyed = true;
    this.emit('closed');
  });
  constructor(readonly options: Record<string, unknown> & { webPreferences?: Record<string, unknown> }) {
    super();
    state.windows.push(this);
  }
  loadFile(file: string): Promise<void> {
    this.loaded.push(file);
    return Promise.resolve();
  }
  loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    return Promise.resolve();
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getTitle(): string {
    return this.title;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isMaximized(): boolean {
    return false;
  }
  isFullScreen(): boolean {
    return false;
  }
  getNormalBounds() {
    const { x, y, width, height } = this.options as { x: number; y: number; width: number; height: number };
    return { x, y, width, height };
  }
}

export const app = Object.assign(new EventEmitter(), {
  name: 'Codomyrmex Orchestrator',
  isPackaged: true,
  requestSingleInstanceLock: () => state.singleInstance,
  whenReady: () => Promise.resolve(),
  getVersion: () => '0.1.0-test',
  getPath: (name: string) => (name === 'appData' ? '/nonexistent/appData' : name === 'downloads' ? '/home/user/Downloads' : '/nonexistent'),
  setPath: vi.fn(),
  quit: vi.fn(),
  setBadgeCount: vi.fn((_count: number) => true),
});

export const ipcMain = {
  handle: (channel: string, handler: Handler) => {
    if (state.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    state.handlers.set(channel, handler);
  },
  removeHandler: (channel: string) => state.handlers.delete(channel),
  on: (channel: string, listener: Handler) => void (state.listeners.get(channel) ?? state.listeners.set(channel, new Set()).get(channel)!).add(listener),
  removeListener: (channel: string, listener: Handler) => void state.listeners.get(channel)?.delete(listener),
};

/** Delivers an `ipcRenderer.send` to main's listeners, as from `sender` at `url`. */
export function sendToMain(channel: string, sender: unknown, url: string, payload: unknown): void {
  for (const listener of state.listeners.get(channel) ?? []) listener({ sender, senderFrame: { url } }, payload);
}

export const session = {
  defaultSession: {
    webRequest: { onHeadersReceived: (listener: typeof state.headersListener) => (state.headersListener = listener) },
    setPermissionRequestHandler: (handler: typeof state.permissionRequest) => (state.permissionRequest = handler),
    setPermissionCheckHandler: (handler: typeof state.permissionCheck) => (state.permissionCheck = handler),
    on: (event: string, listener: Handler) => void state.sessionListeners.set(event, listener),
  },
};

export const protocol = {
  registerSchemesAsPrivileged: (schemes: typeof state.schemes) => void state.schemes.push(...schemes),
  handle: (scheme: string, handler: (request: Request) => Response | Promise<Response>) => void state.protocols.set(scheme, handler),
};

export const dialog = { showMessageBoxSync: vi.fn((..._args: unknown[]) => 2) };

export const Menu = {
  buildFromTemplate: (template: unknown) => template,
  setApplicationMenu: (menu: unknown) => (state.menu = menu),
};

export const screen = {
  getPrimaryDisplay: () => state.displays[0]!,
  getAllDisplays: () => state.displays,
};

export const shell = { openExternal: vi.fn(() => Promise.resolve()), openPath: vi.fn(() => Promise.resolve('')) };

export const ipcRenderer = Object.assign(new EventEmitter(), { invoke: vi.fn((..._args: unknown[]) => Promise.resolve({ ok: true, value: null })), send: vi.fn() });

export const contextBridge = { exposeInMainWorld: (key: string, api: unknown) => state.exposed.set(key, api) };

export const BrowserWindow = FakeBrowserWindow;

const UTILITY_BOOTSTRAP = join(import.meta.dirname, 'fake-utility-process.mjs');

/**
 * Electron's utility process, played by a real Node process without an IPC channel: the module gets
 * `process.parentPort` (see fake-utility-process.mjs), main gets postMessage, 'message', 'exit' and kill.
 */
export class FakeUtilityProcess extends EventEmitter {
  readonly child: ChildProcess;
  readonly postMessage = vi.fn((message: unknown) => void this.socket.write(`${JSON.stringify(message)}\n`));
  readonly kill = vi.fn(() => this.child.kill('SIGTERM'));
  private readonly socket: Socket;
  constructor(readonly modulePath: string, readonly args: string[], readonly options: { env?: Record<string, string>; stdio?: unknown; serviceName?: string }) {
    super();
    this.child = spawn(process.execPath, [UTILITY_BOOTSTRAP, modulePath, ...args], { env: options.env, stdio: ['ignore', 'ignore', 'inherit', 'pipe'] });
    this.socket = this.child.stdio[3] as Socket;
    // A killed process resets the socket; readline re-emits that as its own 'error'.
    createInterface({ input: this.socket }).on('line', (line) => this.emit('message', JSON.parse(line))).on('error', () => undefined);
    this.child.once('exit', (code) => this.emit('exit', code ?? 1));
    // Like Electron's own utility processes, these never hold the test process's event loop.
    this.child.unref();
    this.socket.unref();
    state.utilityProcesses.push(this);
  }
  get pid(): number | undefined {
    return this.child.pid;
  }
}

export const utilityProcess = {
  fork: vi.fn((modulePath: string, args: string[] = [], options: ConstructorParameters<typeof FakeUtilityProcess>[2] = {}) => new FakeUtilityProcess(modulePath, args, options)),
};

/** Forgets every window, handler and listener, as a fresh process would. */
export function resetFakeElectron(): void {
  state.singleInstance = true;
  state.handlers.clear();
  state.windows.length = 0;
  state.headersListener = state.permissionRequest = state.permissionCheck = null;
  state.menu = null;
  state.exposed.clear();
  state.schemes.length = 0;
  state.protocols.clear();
  state.listeners.clear();
  state.sessionListeners.clear();
  app.isPackaged = true;
  dialog.showMessageBoxSync.mockReset().mockReturnValue(2);
  state.displays = [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } }];
  app.removeAllListeners();
  app.quit.mockClear();
  app.setPath.mockClear();
  app.setBadgeCount.mockClear();
  shell.openExternal.mockClear();
  ipcRenderer.removeAllListeners();
  ipcRenderer.invoke.mockClear();
  ipcRenderer.send.mockClear();
}

export default { app, ipcMain, session, Menu, screen, shell, ipcRenderer, contextBridge, BrowserWindow, utilityProcess, protocol, dialog };
