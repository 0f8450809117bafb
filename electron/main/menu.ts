// The application menu: the platform's usual roles and shortcuts (app menu on macOS, File…Help everywhere).
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  /** Opens the engine's data folder (run history, logs) in the file manager. */
  openDataFolder(): void;
  /** Opens the folder of the step logs, for a bug report. */
  openLogsFolder(): void;
}

/** `devTools`: development only — the packaged app has no DevTools item nor its shortcut (the item carries it). */
export function menuTemplate(platform: NodeJS.Platform, appName: string, actions: MenuActions, devTools = false): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const appMenu: MenuItemConstructorOptions = {
    label: appName,
    submenu: [
      { role: 'about' },
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'Open Data Folder', click: () => actions.openDataFolder() },
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'delete' }, { type: 'separator' }, { role: 'selectAll' }],
  };
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      { role: 'reload' },
      { role: 'forceReload' },
      ...(devTools ? [{ role: 'toggleDevTools' } as const] : []),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const window: MenuItemConstructorOptions = {
    label: '&Window',
    submenu: mac ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }] : [{ role: 'minimize' }, { role: 'close' }],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    label: '&Help',
    submenu: [{ label: 'Open Logs Folder', click: () => actions.openLogsFolder() }, ...(mac ? [] : [{ type: 'separator' } as const, { role: 'about' } as const])],
  };
  return [...(mac ? [appMenu] : []), file, edit, view, window, help];
}
