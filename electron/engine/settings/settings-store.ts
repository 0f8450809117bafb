// The engine's settings (user-defined resources, and later other preferences) behind one small interface: conf in
// Node (CLI, browser mode, MCP), electron-store in the desktop app — both the same JSON file in $CODOMYRMEX_HOME.
import Conf from 'conf';

export interface SettingsStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

/** The file name (without extension) both doors use, so the app and the CLI see the same settings. */
export const SETTINGS_NAME = 'settings';

export function openSettings(home: string): SettingsStore {
  // A corrupt file must not stop the engine: conf then starts empty (the user's resources can be declared again).
  const conf = new Conf<Record<string, unknown>>({ cwd: home, configName: SETTINGS_NAME, clearInvalidConfig: true });
  return { get: (key) => conf.get(key), set: (key, value) => conf.set(key, value) };
}
