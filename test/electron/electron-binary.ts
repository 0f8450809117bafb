// Whether a real Electron binary is installed: the suite runs where it is, and says why it skips where it is not.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

export type ElectronBinary = { ok: true; path: string } | { ok: false; reason: string };

export function electronBinary(): ElectronBinary {
  try {
    const path: unknown = createRequire(import.meta.url)('electron');
    if (typeof path !== 'string') return { ok: false, reason: 'require("electron") gave no executable path' };
    return existsSync(path) ? { ok: true, path } : { ok: false, reason: `${path} does not exist` };
  } catch (error) {
    return { ok: false, reason: `require("electron") failed: ${(error as Error).message}` };
  }
}

export const SKIP_REASON_SUFFIX = 'run npm install where Electron can be downloaded';
