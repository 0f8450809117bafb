// The window state kept in electron-store (userData/window-state.json): the only place main persists anything itself.
import ElectronStore from 'electron-store';
import type { WindowState, WindowStateStore } from './window-state.js';

export function electronWindowStateStore(): WindowStateStore {
  const store = new ElectronStore<{ window?: WindowState }>({ name: 'window-state', clearInvalidConfig: true });
  return {
    load: () => store.get('window'),
    save: (state) => store.set('window', state),
  };
}
