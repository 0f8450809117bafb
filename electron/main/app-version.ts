// The version AppInfo reports: the packaged app's, or in development (`electron dist/electron/main.js`, where Electron
// would report its own) the one in our package.json.
import { packageVersionFrom } from '../engine/package-version.js';

export function appVersion(isPackaged: boolean, electronReported: string, mainDir: string): string {
  if (isPackaged) return electronReported;
  return packageVersionFrom(mainDir) ?? electronReported;
}
