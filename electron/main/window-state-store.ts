// The window state kept in electron-store (userData/window-state.json): the only place main persists anything itself.
import type { WindowState, WindowStateStore } from './window-state.js';

/** electron-store is imported on demand, as the engine's settings import conf (its core): one import style, one chunk. */
export async function electronWindowStateStore(): Promise<WindowStateStore> {
  const { default: ElectronStore } = await import('electron-store');
  const store = new ElectronStore<{ window?: WindowState }>({ name: 'window-state', clearInvalidConfig: true });
  return {
    load: () => store.get('window'),
    save: (state) => store.set('window', state),
  };
}
