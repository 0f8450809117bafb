import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { filesUnder } from '../../helpers.js';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const config = yaml.load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;

// electron-builder's own validation (its JSON schema), loaded from where electron-builder finds it.
const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
const { validateConfiguration } = fromBuilder('app-builder-lib/out/util/config/config.js') as { validateConfiguration(config: unknown, logger: unknown): Promise<void> };
const { DebugLogger } = fromBuilder('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
const validate = (candidate: unknown): Promise<void> => validateConfiguration(candidate, new DebugLogger(false));
// The names and extensions electron-builder leaves out of every app, whatever the files patterns say.
const { excludedNames, excludedExts } = fromBuilder('app-builder-lib/out/fileMatcher.js') as { excludedNames: string; excludedExts: string };

describe('the packaging config', () => {
  it("is valid against electron-builder's schema", async () => {
    await expect(validate(config)).resolves.toBeUndefined();
    // The check itself bites: a misspelt fuse or a wrong type is refused.
    await expect(validate({ ...config, electronFuses: { runAsNode: 'no' } })).rejects.toThrow(/electronFuses/);
    await expect(validate({ ...config, electronFuses: { runAsNodee: false } })).rejects.toThrow(/electronFuses/);
  });

  it('sets the fuses of Electron’s security checklist', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      loadBrowserProcessSpecificV8Snapshot: false,
    });
  });

  it('packs the app into an archive, with the process host and its utility-process adapter inside', () => {
    expect(config.asar).toBe(true);
    expect(config.files).toContain('dist/**/*');
    expect((config.extraMetadata as { main: string }).main).toBe('dist/electron/main.js');
    for (const built of ['dist/electron/main.js', 'dist/electron/utility-host.js', 'dist/process-host.js']) expect(existsSync(join(ROOT, built)), built).toBe(true);
  });

  it('packs the built-in templates: the build puts them under dist/, and electron-builder leaves none of their files out', () => {
    const names = new Set(excludedNames.split(','));
    const extensions = excludedExts.split(',');
    const files = filesUnder(join(ROOT, 'templates')).map((file) => `templates/${file}`);
    expect(files.length).toBeGreaterThan(40);
    for (const file of files) {
      expect(existsSync(join(ROOT, 'dist', file)), `dist/${file}`).toBe(true);
      expect(file.split('/').filter((part) => names.has(part) || extensions.some((ext) => part.endsWith(`.${ext}`))), file).toEqual([]);
    }
  });
});
