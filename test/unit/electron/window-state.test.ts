import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EventEmitter } from 'node:events';
import { restoreWindowState, trackWindowState, type Rectangle, type TrackedWindow } from '../../../electron/main/window-state.js';
import { electronWindowStateStore } from '../../../electron/main/window-state-store.js';
import { resetFakeElectron, state } from './fake-electron.js';
import { launch, memoryStore } from './launch.js';

vi.mock('electron', () => import('./fake-electron.js'));
vi.mock('electron-store', () => import('./fake-electron-store.js'));

beforeEach(() => resetFakeElectron());

const LAPTOP: Rectangle = { x: 0, y: 0, width: 1440, height: 870 };
const RIGHT_MONITOR: Rectangle = { x: 1440, y: 0, width: 2560, height: 1410 };

describe('window state', () => {
  it('restores a saved record that is on a display', () => {
    const saved = { x: 100, y: 80, width: 1000, height: 700, isMaximized: true };
    expect(restoreWindowState(saved, [LAPTOP])).toEqual(saved);
    expect(restoreWindowState({ ...saved, x: 2000 }, [LAPTOP, RIGHT_MONITOR])).toEqual({ ...saved, x: 2000 });
  });

  it('clamps a record whose display is gone onto the primary display', () => {
    const onUnpluggedMonitor = { x: 2000, y: 300, width: 1200, height: 800, isMaximized: false };
    const restored = restoreWindowState(onUnpluggedMonitor, [LAPTOP]);
    expect(restored).toMatchObject({ width: 1200, height: 800, isMaximized: false });
    expect(restored.x).toBeGreaterThanOrEqual(LAPTOP.x);
    expect(restored.x + restored.width).toBeLessThanOrEqual(LAPTOP.x + LAPTOP.width);
    expect(restored.y + restored.height).toBeLessThanOrEqual(LAPTOP.y + LAPTOP.height);
  });

  it('pulls a window whose title bar is off screen back into view, shrunk to fit', () => {
    const aboveTheTop = restoreWindowState({ x: 200, y: -500, width: 3000, height: 2000, isMaximized: false }, [LAPTOP]);
    expect(aboveTheTop).toEqual({ x: 0, y: 0, width: 1440, height: 870, isMaximized: false });
    const farLeft = restoreWindowState({ x: -5000, y: -5000, width: 900, height: 600 }, [LAPTOP]);
    expect(farLeft.x).toBeGreaterThanOrEqual(0);
    expect(farLeft.y).toBeGreaterThanOrEqual(0);
  });

  it('ignores an unreadable record and centres the default size', () => {
    for (const saved of [undefined, null, 'big', { x: 'a', y: 0, width: 1, height: 1 }, { x: 0, y: 0, width: Number.NaN, height: 10 }]) {
      expect(restoreWindowState(saved, [LAPTOP])).toEqual({ x: 80, y: 35, width: 1280, height: 800, isMaximized: false });
    }
  });

  it('saves normal bounds on close, and nothing while minimised', () => {
    let minimized = false;
    const window = Object.assign(new EventEmitter(), {
      getNormalBounds: () => ({ x: 10, y: 20, width: 900, height: 600 }),
      isMaximized: () => true,
      isMinimized: () => minimized,
      isFullScreen: () => false,
    });
    const store = memoryStore();
    trackWindowState(window as unknown as TrackedWindow, store);
    window.emit('close');
    expect(store.saves).toEqual([{ x: 10, y: 20, width: 900, height: 600, isMaximized: true }]);
    minimized = true;
    window.emit('close');
    expect(store.saves).toHaveLength(1);
  });

  it('opens the app window where it was, maximised again once shown', async () => {
    const store = memoryStore({ x: 300, y: 200, width: 1100, height: 750, isMaximized: true });
    await launch({ stateStore: store });
    const window = state.windows[0]!;
    expect(window.options).toMatchObject({ x: 300, y: 200, width: 1100, height: 750 });
    expect(window.maximize).not.toHaveBeenCalled();
    window.emit('ready-to-show');
    expect(window.maximize).toHaveBeenCalledOnce();
    expect(window.show).toHaveBeenCalled();
  });

  it('opens an off-screen saved window on the display it can be reached on', async () => {
    state.displays = [{ id: 1, workArea: LAPTOP }];
    await launch({ stateStore: memoryStore({ x: 5000, y: 3000, width: 1000, height: 700, isMaximized: false }) });
    expect(state.windows[0]!.options).toMatchObject({ x: 220, y: 85, width: 1000, height: 700 });
  });

  it('keeps the state in electron-store under its own name', async () => {
    const store = await electronWindowStateStore();
    expect(store.load()).toBeUndefined();
    store.save({ x: 1, y: 2, width: 900, height: 600, isMaximized: false });
    expect((await electronWindowStateStore()).load()).toEqual({ x: 1, y: 2, width: 900, height: 600, isMaximized: false });
  });
});
