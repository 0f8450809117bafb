// The engine's settings (user-defined resources, and later other preferences) behind one small interface, in one JSON
// file in $CODOMYRMEX_HOME shared by every door. Writes go through conf (electron-store's core: atomic writes,
// recovery from a corrupt file); reads parse the file directly, because importing conf costs ~70 ms and every
// `codomyrmex run` reads the settings while only the app's settings views write them.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SettingsStore {
  get(key: string): unknown;
  set(key: string, value: unknown): Promise<void>;
}

/** The file name (without extension) both doors use, so the app and the CLI see the same settings. */
export const SETTINGS_NAME = 'settings';

export function openSettings(home: string): SettingsStore {
  const file = join(home, `${SETTINGS_NAME}.json`);
  let writer: Promise<{ set(key: string, value: unknown): void }> | null = null;
  return {
    get(key) {
      return readSettings(file)[key];
    },
    async set(key, value) {
      writer ??= import('conf').then(({ default: Conf }) => new Conf<Record<string, unknown>>({ cwd: home, configName: SETTINGS_NAME, clearInvalidConfig: true }));
      (await writer).set(key, value);
    },
  };
}

/** The settings as saved; a missing or corrupt file reads as empty (the engine must start whatever it holds). */
function readSettings(file: string): Record<string, unknown> {
  if (!existsSync(file)) return {};
  try {
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
