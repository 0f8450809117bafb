// The version AppInfo reports: the packaged app's, or in development (`electron dist/electron/main.js`, where Electron
// would report its own) the one in our package.json.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function appVersion(isPackaged: boolean, electronReported: string, mainDir: string): string {
  if (isPackaged) return electronReported;
  for (let dir = mainDir; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'codomyrmex-orchestrator' && pkg.version !== undefined) return pkg.version;
    }
    if (dirname(dir) === dir) return electronReported;
  }
}
