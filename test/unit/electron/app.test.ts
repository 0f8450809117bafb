import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { launchApp } from '../../../electron/main/app.js';
import { appLocation, isAppUrl } from '../../../electron/main/app-location.js';
import { startupLogLevel, startupProject } from '../../../electron/main/main-engine.js';
import type { EngineLogPage } from '../../../shared/engine-log.js';
import { app, resetFakeElectron, state } from './fake-electron.js';
import { APP_URL, MAIN_DIR, invoke, launch, memoryStore } from './launch.js';

vi.mock('electron', () => import('./fake-electron.js'));
vi.mock('electron-store', () => import('./fake-electron-store.js'));

beforeEach(() => resetFakeElectron());

describe('the app', () => {
  it('runs once: a second launch quits at once and the first instance comes to the front', async () => {
    state.singleInstance = false;
    expect(await launchApp({ mainDir: MAIN_DIR, env: {}, stateStore: memoryStore() })).toBeNull();
    expect(app.quit).toHaveBeenCalledOnce();
    expect(state.windows).toHaveLength(0);

    resetFakeElectron();
    await launch();
    const window = state.windows[0]!;
    window.minimized = true;
    app.emit('second-instance', {}, ['electron', '.']);
    expect(window.restore).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
    expect(state.windows).toHaveLength(1);
  });

  it('keeps its Chromium profile and window state beside an explicit CODOMYRMEX_HOME, as its own instance', async () => {
    const { home } = await launch();
    expect(app.setPath).toHaveBeenCalledWith('userData', join(home, 'electron'));
  });

  it('opens on the project given with --project, like `codomyrmex serve DIR`', async () => {
    const { app: running, project } = await launch();
    const info = await invoke('app.info', {});
    expect(info).toMatchObject({ ok: true, value: { mode: 'electron', projectId: running.main.projectId } });
    expect(running.main.engine.projectManager.getProject(running.main.projectId!)?.path).toBe(project);
  });

  it('starts on the project list when the --project folder does not exist', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const home = mkdtempSync(join(tmpdir(), 'codomyrmex-electron-home-'));
    const running = await launchApp({ mainDir: MAIN_DIR, argv: ['--project', '/no/such/folder'], env: { CODOMYRMEX_HOME: home }, stateStore: memoryStore() });
    try {
      expect(running?.main.projectId).toBeNull();
      expect(errors).toHaveBeenCalledWith(expect.stringContaining('cannot open project /no/such/folder'));
    } finally {
      await running?.shutdown();
      errors.mockRestore();
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('waits for the engine to stop its runs before quitting, once its windows have closed', async () => {
    const { app: running } = await launch();
    const close = vi.spyOn(running.main.engine, 'close');
    // Before the windows close, a window with unsaved edits may still keep the app (and its engine) running.
    app.emit('before-quit', { preventDefault: vi.fn() });
    expect(close).not.toHaveBeenCalled();
    const preventDefault = vi.fn();
    app.emit('will-quit', { preventDefault });
    expect(preventDefault).toHaveBeenCalledOnce();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalled());
    expect(close).toHaveBeenCalledOnce();
    const again = vi.fn();
    app.emit('will-quit', { preventDefault: again });
    expect(again).not.toHaveBeenCalled();
    expect(state.handlers.size).toBe(0);
  });

  it('installs the application menu', async () => {
    await launch();
    const labels = (state.menu as { label?: string; role?: string }[]).map((item) => item.label ?? item.role);
    expect(labels).toEqual(process.platform === 'darwin' ? ['Codomyrmex Orchestrator', '&File', '&Edit', '&View', '&Window', '&Help'] : ['&File', '&Edit', '&View', '&Window', '&Help']);
  });
});

describe('the app’s engine log', () => {
  it('logs at the level CODOMYRMEX_LOG_LEVEL names, to the data folder’s log the Engine log view reads', async () => {
    const { project } = await launch({ env: { CODOMYRMEX_LOG_LEVEL: 'debug' } });
    const projectId = ((await invoke('app.info', {})) as { value: { projectId: string } }).value.projectId;
    expect(existsSync(project)).toBe(true);
    const started = (await invoke('runs.start', { projectId, workflowName: 'diamond' })) as { ok: true; value: { executionId: string } };
    await vi.waitFor(async () => {
      const page = ((await invoke('engineLog.read', {})) as { value: EngineLogPage }).value;
      expect(page.records.find((record) => record.msg === 'run finished')).toMatchObject({ executionId: started.value.executionId, workflow: 'diamond', fields: { status: 'completed' } });
      expect(page.records.find((record) => record.msg === 'step command')).toMatchObject({ step: 'prepare', level: 'debug' });
    }, { timeout: 10_000, interval: 100 });
  });

  it('opens with a level that is none, saying why on stderr', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await launch({ env: { CODOMYRMEX_LOG_LEVEL: 'chatty' } });
    expect(error).toHaveBeenCalledWith('Codomyrmex Orchestrator: CODOMYRMEX_LOG_LEVEL takes debug, info, warning, error, critical or off; got "chatty"; the log stays at info');
    expect(state.windows).toHaveLength(1);
    error.mockRestore();
  });

  it('takes --log-level and --log-level= from its command line', () => {
    expect(startupLogLevel(['electron', 'main.js', '--log-level', 'debug'])).toBe('debug');
    expect(startupLogLevel(['app', '--log-level=ERROR'])).toBe('ERROR');
    expect(startupLogLevel(['app'])).toBeUndefined();
  });
});

describe('where the app is', () => {
  it('takes the project from --project, --project=, or CODOMYRMEX_PROJECT', () => {
    expect(startupProject(['electron', 'main.js', '--project', '/p'], {})).toBe('/p');
    expect(startupProject(['app', '--project=/q'], { CODOMYRMEX_PROJECT: '/r' })).toBe('/q');
    expect(startupProject(['app'], { CODOMYRMEX_PROJECT: '/r' })).toBe('/r');
    expect(startupProject(['app', '--project'], {})).toBeNull();
  });

  it('counts only its own app:// origin as the app, or the dev server origin in development', () => {
    const built = appLocation(MAIN_DIR, {});
    expect(built).toEqual({ kind: 'app', root: join(MAIN_DIR, '..', 'renderer'), url: APP_URL });
    expect(isAppUrl(`${APP_URL}?x=1#/runs`, built)).toBe(true);
    expect(isAppUrl('app://codomyrmex', built)).toBe(true);
    for (const foreign of ['app://evil/index.html', 'app://codomyrmex:1/index.html', 'app://x@codomyrmex/', 'file:///index.html', 'https://codomyrmex/index.html', 'not a url']) {
      expect(isAppUrl(foreign, built), foreign).toBe(false);
    }
    const dev = appLocation(MAIN_DIR, { ELECTRON_RENDERER_URL: 'http://localhost:5173' });
    expect(dev).toMatchObject({ kind: 'dev', origin: 'http://localhost:5173' });
    expect(isAppUrl('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isAppUrl(APP_URL, dev)).toBe(false);
  });

  it('ignores ELECTRON_RENDERER_URL in a packaged app: its environment never decides which code the window runs', () => {
    expect(appLocation(MAIN_DIR, { ELECTRON_RENDERER_URL: 'http://evil.example:5173' }, true)).toEqual(appLocation(MAIN_DIR, {}));
  });
});

describe('the version the app reports', () => {
  it("is the packaged app's, or in development our package.json's rather than Electron's", async () => {
    const { appVersion } = await import('../../../electron/main/app-version.js');
    const pkg = JSON.parse(readFileSync(join(MAIN_DIR, '..', '..', 'package.json'), 'utf8')) as { version: string };
    expect(appVersion(true, '1.2.3', MAIN_DIR)).toBe('1.2.3');
    expect(appVersion(false, '41.7.1', MAIN_DIR)).toBe(pkg.version);
    expect(appVersion(false, '41.7.1', tmpdir())).toBe('41.7.1');
  });
});
