import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { menuTemplate } from '../../../electron/main/menu.js';

const roles = (items: MenuItemConstructorOptions[]): string[] =>
  items.flatMap((item) => [...(item.role ? [item.role] : []), ...(Array.isArray(item.submenu) ? roles(item.submenu) : [])]);

describe('the application menu', () => {
  it('has the macOS app menu first on macOS only', () => {
    const actions = { openDataFolder: vi.fn(), openLogsFolder: vi.fn() };
    expect(menuTemplate('darwin', 'Codomyrmex Orchestrator', actions)[0]!.label).toBe('Codomyrmex Orchestrator');
    expect(menuTemplate('linux', 'Codomyrmex Orchestrator', actions).map((item) => item.label)).toEqual(['&File', '&Edit', '&View', '&Window', '&Help']);
  });

  it('uses the standard roles, so the platform supplies the usual shortcuts', () => {
    const actions = { openDataFolder: vi.fn(), openLogsFolder: vi.fn() };
    for (const platform of ['darwin', 'linux', 'win32'] as const) {
      const used = roles(menuTemplate(platform, 'Codomyrmex Orchestrator', actions, true));
      for (const role of ['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'reload', 'toggleDevTools', 'zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen', 'minimize', 'quit', 'about']) {
        expect(used, `${platform} ${role}`).toContain(role);
      }
    }
  });

  it('offers DevTools (and their shortcut, which the item carries) in development only', () => {
    const actions = { openDataFolder: vi.fn(), openLogsFolder: vi.fn() };
    for (const platform of ['darwin', 'linux', 'win32'] as const) {
      expect(roles(menuTemplate(platform, 'x', actions, true)), platform).toContain('toggleDevTools');
      expect(roles(menuTemplate(platform, 'x', actions, false)), platform).not.toContain('toggleDevTools');
      expect(roles(menuTemplate(platform, 'x', actions)), platform).not.toContain('toggleDevTools');
    }
  });

  it('opens the data and logs folders', () => {
    const actions = { openDataFolder: vi.fn(), openLogsFolder: vi.fn() };
    const items = menuTemplate('linux', 'x', actions).flatMap((item) => (Array.isArray(item.submenu) ? item.submenu : []));
    for (const item of items) if (item.click) (item.click as () => void)();
    expect(actions.openDataFolder).toHaveBeenCalledOnce();
    expect(actions.openLogsFolder).toHaveBeenCalledOnce();
  });
});
