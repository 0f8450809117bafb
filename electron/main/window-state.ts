// The window's size, position and maximised state: restored on start (kept on a visible display), saved as it changes.
export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState extends Rectangle {
  isMaximized: boolean;
}

/** Where the state is kept: electron-store in the app, a plain object in tests. */
export interface WindowStateStore {
  load(): unknown;
  save(state: WindowState): void;
}

/** The window-like part of a BrowserWindow this module needs. */
export interface TrackedWindow {
  getNormalBounds(): Rectangle;
  isMaximized(): boolean;
  isMinimized(): boolean;
  isFullScreen(): boolean;
  on(event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'close', listener: () => void): unknown;
}

export const DEFAULT_SIZE = { width: 1280, height: 800 } as const;
const MIN_SIZE = { width: 800, height: 560 } as const;
/** How much of the title bar must stay on a display for the window to be reachable. */
const MIN_VISIBLE = 64;

function isState(value: unknown): value is WindowState {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return ['x', 'y', 'width', 'height'].every((key) => Number.isFinite(v[key])) && (v.isMaximized === undefined || typeof v.isMaximized === 'boolean');
}

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/** Centres a window of the default size on the primary work area. */
function centred(workArea: Rectangle, size: { width: number; height: number } = DEFAULT_SIZE): Rectangle {
  const width = Math.min(size.width, workArea.width);
  const height = Math.min(size.height, workArea.height);
  return { x: workArea.x + Math.round((workArea.width - width) / 2), y: workArea.y + Math.round((workArea.height - height) / 2), width, height };
}

function clampInto(bounds: Rectangle, area: Rectangle): Rectangle {
  const width = Math.min(Math.max(bounds.width, MIN_SIZE.width), area.width);
  const height = Math.min(Math.max(bounds.height, MIN_SIZE.height), area.height);
  const x = Math.min(Math.max(bounds.x, area.x), area.x + area.width - width);
  const y = Math.min(Math.max(bounds.y, area.y), area.y + area.height - height);
  return { x, y, width, height };
}

/**
 * The state to open with: the saved one when its title bar is on a display, else moved onto the display it
 * overlaps most (or the primary one, centred, when it is off every display or the record is unreadable).
 */
export function restoreWindowState(saved: unknown, workAreas: readonly Rectangle[]): WindowState {
  const primary = workAreas[0] ?? { x: 0, y: 0, ...DEFAULT_SIZE };
  if (!isState(saved)) return { ...centred(primary), isMaximized: false };
  const bounds = { x: Math.round(saved.x), y: Math.round(saved.y), width: Math.round(saved.width), height: Math.round(saved.height) };
  const isMaximized = saved.isMaximized === true;
  const titleBar = { x: bounds.x, y: bounds.y, width: bounds.width, height: 32 };
  const reachable = workAreas.find((area) => {
    const seen = overlap(titleBar, area);
    return seen.width >= Math.min(MIN_VISIBLE, bounds.width) && seen.height > 0;
  });
  if (reachable !== undefined) return { ...clampInto(bounds, reachable), isMaximized };
  let best: Rectangle | null = null;
  let bestArea = 0;
  for (const area of workAreas) {
    const seen = overlap(bounds, area);
    const shared = Math.max(0, seen.width) * Math.max(0, seen.height);
    if (shared > bestArea) [best, bestArea] = [area, shared];
  }
  return best !== null ? { ...clampInto(bounds, best), isMaximized } : { ...centred(primary, bounds), isMaximized };
}

/** Saves the state on every change (debounced) and on close; minimised and full-screen moments are not saved. */
export function trackWindowState(window: TrackedWindow, store: WindowStateStore, debounceMs = 400): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const save = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (window.isMinimized() || window.isFullScreen()) return;
    // Normal bounds, so un-maximising after a restart returns to the size the user chose.
    store.save({ ...window.getNormalBounds(), isMaximized: window.isMaximized() });
  };
  const later = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(save, debounceMs);
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) window.on(event, later);
  window.on('close', save);
  return save;
}
